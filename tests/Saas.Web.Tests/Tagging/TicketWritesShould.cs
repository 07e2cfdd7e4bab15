using System.Text.Json;
using Saas.Core.Tagging;
using Saas.Rules.Engine;

namespace Saas.Web.Tests.Tagging;

/// <summary>The diff of a plan against a ticket, and the fingerprints the loop guard compares (pure, no app).</summary>
public sealed class TicketWritesShould
{
    private static readonly TicketSnapshot Ticket = new()
    {
        TicketId = 7,
        Tags = ["VIP", "refund"],
        Priority = "normal",
        Status = "open",
        AssigneeUserId = 5,
        AssigneeTeamId = 9,
        MessageCount = 2,
        CustomFields = new Dictionary<long, JsonElement> { [1] = JsonSerializer.SerializeToElement("a") },
        Messages = [new SnapshotMessage(1, false, true, "hi", null), new SnapshotMessage(2, true, false, "Routed by rules", null)],
    };

    private static Task<long?> Users(string email) => Task.FromResult<long?>(email.Equals("ann@shop.example", StringComparison.OrdinalIgnoreCase) ? 5 : email == "bob@shop.example" ? 6 : null);

    [Fact]
    public async Task Write_nothing_when_the_ticket_already_is_as_the_plan_wants()
    {
        var plan = new RulePlan
        {
            AddTags = ["vip", "Refund"],
            RemoveTags = ["spam"],
            Priority = "NORMAL",
            TeamId = 9,
            AssigneeUserEmail = "ANN@shop.example",
            CustomFields = new Dictionary<long, JsonElement> { [1] = JsonSerializer.SerializeToElement("a") },
            InternalNotes = ["Routed by rules"],
        };

        var writes = await TicketWrites.DiffAsync(plan, Ticket, Users);

        writes.IsEmpty.ShouldBeTrue();
        writes.RequestCount.ShouldBe(0);
        writes.Unresolved.ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_only_what_changes_something()
    {
        var plan = new RulePlan
        {
            AddTags = ["refund", "urgent", "urgent"],
            RemoveTags = ["vip", "absent"],
            Priority = "high",
            TeamId = 9,
            AssigneeUserEmail = "bob@shop.example",
            CustomFields = new Dictionary<long, JsonElement> { [1] = JsonSerializer.SerializeToElement("a"), [2] = JsonSerializer.SerializeToElement(3) },
            InternalNotes = ["New note", "Routed by rules"],
        };

        var writes = await TicketWrites.DiffAsync(plan, Ticket, Users);

        writes.AddTags.ShouldBe(["urgent"]);
        writes.RemoveTags.ShouldBe(["VIP"]);
        writes.Priority.ShouldBe("high");
        writes.TeamId.ShouldBeNull();
        writes.AssigneeUserId.ShouldBe(6);
        writes.CustomFields.Keys.ShouldBe([2L]);
        writes.InternalNotes.ShouldBe(["New note"]);
        writes.RequestCount.ShouldBe(5);
    }

    [Fact]
    public async Task Record_an_unknown_assignee_email_instead_of_writing()
    {
        var writes = await TicketWrites.DiffAsync(new RulePlan { AssigneeUserEmail = "who@else.example" }, Ticket, Users);

        writes.IsEmpty.ShouldBeTrue();
        writes.Unresolved.ShouldHaveSingleItem().ShouldContain("who@else.example");
    }

    [Fact]
    public async Task Go_through_one_state_per_write_starting_from_the_current_one()
    {
        var writes = await TicketWrites.DiffAsync(
            new RulePlan { AddTags = ["urgent"], RemoveTags = ["vip"], Priority = "high", InternalNotes = ["n"] }, Ticket, Users);

        var states = writes.States(Ticket);

        states.Count.ShouldBe(5);
        states[0].ShouldBe(TicketFingerprint.Of(Ticket));
        states[^1].ShouldBe(TicketFingerprint.Of(Ticket with { Tags = ["REFUND", "urgent"], Priority = "high", MessageCount = 3 }));
        states.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void Fingerprint_ignore_tag_order_and_case_but_see_status_and_messages()
    {
        var a = TicketFingerprint.Of(Ticket);

        TicketFingerprint.Of(Ticket with { Tags = ["refund", "vip"] }).ShouldBe(a);
        TicketFingerprint.Of(Ticket with { Status = "closed" }).ShouldNotBe(a);
        TicketFingerprint.Of(Ticket with { MessageCount = 3 }).ShouldNotBe(a);
        TicketFingerprint.Of(Ticket with { Tags = ["vip"] }).ShouldNotBe(a);
        a.Length.ShouldBe(12);
    }

    [Fact]
    public void Keep_at_most_seven_states_first_and_last_included()
    {
        var states = Enumerable.Range(0, 10).Select(i => TicketFingerprint.Of(Ticket with { MessageCount = i })).ToList();

        var stored = TicketFingerprint.Join(states);

        stored.Length.ShouldBeLessThanOrEqualTo(100);
        TicketFingerprint.Contains(stored, states[0]).ShouldBeTrue();
        TicketFingerprint.Contains(stored, states[^1]).ShouldBeTrue();
        TicketFingerprint.Contains(stored, states[7]).ShouldBeFalse();
        TicketFingerprint.Contains(null, states[0]).ShouldBeFalse();
    }
}
