using System.Net;
using System.Text.Json;
using Gorgias.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Intake;
using Saas.Core.Tagging;
using Saas.Core.Tenancy;
using Saas.Rules.Definitions;
using Saas.Web.Tests.Infrastructure;
using Saas.Web.Tests.Intake;

namespace Saas.Web.Tests.Tagging;

/// <summary>
/// The live path end to end: a customer writes in at the sandbox → the sandbox's webhook → intake → tenant grain →
/// the tagging handler → writes at the sandbox. Real app, real sandbox, real SQLite, real silo.
/// </summary>
public sealed class TaggingLiveShould
{
    private static readonly string[] OrderPhrases = ["where is my order", "wo bleibt meine bestellung", "ou est ma commande"];
    private static readonly string[] RefundPhrases = ["refund", "money back", "rembourse", "ruckerstattung", "reembolso"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RuleDefinition[] LanguageRules() =>
    [
        TestRules.Tag("Order status", "order-status", OrderPhrases),
        TestRules.Tag("Refund", "refund", RefundPhrases),
    ];

    [Fact]
    public async Task Tag_a_written_in_ticket_within_seconds_with_one_write_that_its_echo_does_not_repeat()
    {
        await using var h = await TaggingHarness.StartAsync();
        var ids = await h.SetRulesAsync(LanguageRules());

        var ticketId = await h.WriteInAsync("Order #1234", "Where is my order #1234? It still hasn't arrived");

        (await h.TagsUntilAsync(ticketId, t => t.Contains("order-status"), "order-status on the ticket")).ShouldBe(["order-status"]);

        // Our POST of the tag comes back as ticket-updated: recorded as the echo, nothing written again.
        var runs = await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.Echo), "the echo of our write");
        await h.SettledAsync(ticketId);
        runs = await h.RunsAsync(ticketId);
        var applied = runs.Single(r => r.Outcome == RuleRunOutcome.Applied);
        applied.Trigger.ShouldBe("ticket_created");
        applied.LatencyMs.ShouldNotBeNull().ShouldBeGreaterThan(0);
        applied.RuleVersions.ShouldContain(ids[0].ToString());
        applied.Writes.ShouldContain("\"add_tags\"");
        applied.Trace.ShouldContain("order-status");
        runs.Where(r => r.Id != applied.Id).ShouldAllBe(r => r.Outcome == RuleRunOutcome.Echo);
        var writes = await h.WritesAsync(ticketId);
        writes.Select(w => $"{w.Method} {w.Status / 100}xx").ShouldBe(["POST 2xx"]);
        writes[0].Path.ShouldEndWith($"/api/tickets/{ticketId}/tags");

        // Tokens, secrets and what the customer wrote stay out of the logs.
        var logs = h.App.Logs.Text;
        foreach (var secret in h.App.KnownSecrets([h.Tenant.Secret]))
        {
            logs.ShouldNotContain(secret);
        }

        logs.ShouldNotContain("It still hasn't arrived");
    }

    [Fact]
    public async Task Tag_German_and_French_tickets_order_status_and_refund()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(LanguageRules());

        var german = await h.WriteInAsync("Bestellung 5512", "Hallo, wo bleibt meine Bestellung? Ich warte seit zwei Wochen.", "de");
        var french = await h.WriteInAsync("Commande abîmée", "Bonjour, je voudrais être remboursé s'il vous plaît.", "fr");

        (await h.TagsUntilAsync(german, t => t.Count > 0, "German ticket tagged")).ShouldBe(["order-status"]);
        (await h.TagsUntilAsync(french, t => t.Count > 0, "French ticket tagged")).ShouldBe(["refund"]);
    }

    [Fact]
    public async Task Record_a_shadow_rule_without_writing_and_ignore_a_disabled_one()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(
            TestRules.Tag("Refund (shadow)", "refund", RefundPhrases, RuleState.Shadow),
            TestRules.Tag("Refund (disabled)", "refund-disabled", RefundPhrases, RuleState.Disabled));

        var ticketId = await h.WriteInAsync("Refund please", "I want my money back");

        var runs = await h.RunsUntilAsync(ticketId, rs => rs.Count > 0, "the run");
        await h.SettledAsync(ticketId);
        var run = (await h.RunsAsync(ticketId)).ShouldHaveSingleItem();
        run.Outcome.ShouldBe(RuleRunOutcome.NoMatch);
        using var trace = JsonDocument.Parse(run.Trace);
        trace.RootElement.GetProperty("shadow_plan").GetProperty("add_tags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["refund"]);
        trace.RootElement.GetProperty("plan").TryGetProperty("add_tags", out var planTags).ShouldBeTrue();
        planTags.GetArrayLength().ShouldBe(0);
        var entries = trace.RootElement.GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("outcome").GetString()).ShouldBe(["matched", "skipped_disabled"]);
        (await h.WritesAsync(ticketId)).ShouldBeEmpty();
        (await h.TagsAsync(ticketId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Stop_at_a_rule_that_says_stop_processing()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(
            TestRules.Tag("Refund, stop", "refund", RefundPhrases, stop: true),
            TestRules.Tag("Anything about money", "money", ["money"]));

        var ticketId = await h.WriteInAsync("Money back", "Please give me my money back, I want a refund");

        (await h.TagsUntilAsync(ticketId, t => t.Count > 0, "tags")).ShouldBe(["refund"]);
        await h.SettledAsync(ticketId);
        var applied = (await h.RunsAsync(ticketId)).Single(r => r.Outcome == RuleRunOutcome.Applied);
        using var trace = JsonDocument.Parse(applied.Trace);
        trace.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ShouldBe(["matched", "skipped_stopped"]);
        (await h.TagsAsync(ticketId)).ShouldBe(["refund"]);
    }

    [Fact]
    public async Task Assign_a_user_by_email_resolved_to_the_user_id_and_set_priority_in_one_put()
    {
        await using var h = await TaggingHarness.StartAsync();
        var agent = (await h.App.Control.GetAccountAsync("acme", Ct)).Users.First(u => u.Role != "admin");
        await h.SetRulesAsync(TestRules.Tag("Refund to an agent", "refund", RefundPhrases).With(
            new RuleAction { Type = RuleActionTypes.AssignUser, UserEmail = agent.Email.ToUpperInvariant() },
            new RuleAction { Type = RuleActionTypes.SetPriority, Priority = "high" }));

        var ticketId = await h.WriteInAsync("Refund", "I want a refund");

        var ticket = await TaggingHarness.SandboxUntilAsync(() => h.TicketAsync(ticketId), t => t["assignee_user"] is not null, "the assignee");
        ticket["assignee_user"]!["id"]!.GetValue<long>().ShouldBe(agent.Id);
        ticket["priority"]!.GetValue<string>().ShouldBe("high");
        await h.RunsUntilAsync(ticketId, rs => rs.Count(r => r.Outcome == RuleRunOutcome.Echo) >= 2, "both echoes (tags, ticket)");
        await h.SettledAsync(ticketId);
        (await h.WritesAsync(ticketId)).Select(w => w.Method).ShouldBe(["POST", "PUT"]);
        (await h.RunsAsync(ticketId)).Count(r => r.Outcome == RuleRunOutcome.Applied).ShouldBe(1);
    }

    [Fact]
    public async Task Record_an_unknown_assignee_email_and_write_nothing_for_it()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(new RuleDefinition
        {
            Name = "To nobody",
            When = TestRules.Phrase(RuleFields.Subject, ["refund"]),
            Actions = [new RuleAction { Type = RuleActionTypes.AssignUser, UserEmail = "nobody@nowhere.example" }],
        });

        var ticketId = await h.WriteInAsync("Refund", "I want a refund");

        var run = (await h.RunsUntilAsync(ticketId, rs => rs.Count > 0, "the run"))[0];
        run.Outcome.ShouldBe(RuleRunOutcome.NothingToChange);
        run.Detail.ShouldNotBeNull().ShouldContain("nobody@nowhere.example");
        (await h.WritesAsync(ticketId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_once_when_the_same_webhook_is_delivered_five_times()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(LanguageRules());
        await h.App.Control.SetFaultsAsync("acme", new FaultSettings { WebhookDelayMs = 300 }, Ct);

        var ticketId = await h.WriteInAsync("Where is my order?", "Where is my order #77?");
        var body = (await h.TicketAsync(ticketId)).ToJsonString();
        var posts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, body)));
        posts.ShouldAllBe(p => p.StatusCode == HttpStatusCode.OK);

        await h.TagsUntilAsync(ticketId, t => t.Contains("order-status"), "order-status");
        await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.Echo), "the echo");
        await h.SettledAsync(ticketId);
        (await h.WritesAsync(ticketId)).Count.ShouldBe(1);
        (await h.RunsAsync(ticketId)).Count(r => r.Outcome == RuleRunOutcome.Applied).ShouldBe(1);
    }

    [Fact]
    public async Task Write_nothing_when_a_handled_row_is_processed_again()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(LanguageRules());
        var ticketId = await h.WriteInAsync("Where is my order?", "Where is my order #78?");
        await h.TagsUntilAsync(ticketId, t => t.Contains("order-status"), "order-status");
        await h.SettledAsync(ticketId);
        var runs = await h.RunsAsync(ticketId);
        var writes = await h.WritesAsync(ticketId);

        // The row comes again with its records stored but its done mark lost (as after a lapsed lease, or a restore):
        // pending once more, dispatched, handled through the real processor.
        var row = (await IntakeKit.RowsAsync(h.App)).First(r => r.TicketId == ticketId);
        await using (var scope = h.App.App.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<ITenantDbContextFactory>().CreateForTenant(h.Tenant.Id))
        {
            (await db.InboxEvents.Where(e => e.Id == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, InboxEventState.Pending).SetProperty(e => e.ProcessedAt, (DateTimeOffset?)null), Ct)).ShouldBe(1);
        }

        await IntakeKit.Service<IInboxDispatcher>(h.App).DispatchAsync(h.Tenant.Id, Ct);
        await h.InboxSettledAsync(ticketId);

        (await IntakeKit.RowsAsync(h.App)).Single(r => r.Id == row.Id).Attempts.ShouldBe(2);
        (await h.WritesAsync(ticketId)).Count.ShouldBe(writes.Count);
        (await h.RunsAsync(ticketId)).Count.ShouldBe(runs.Count);
    }

    [Fact]
    public async Task Retry_after_a_500_mid_write_and_end_with_the_right_tags()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(LanguageRules());

        // Every API request fails until the tag write has been refused once; then Gorgias heals.
        await h.App.Control.SetFaultsAsync("acme", new FaultSettings { ServerErrorRate = 1.0 }, Ct);
        var ticketId = await h.WriteInAsync("Refund and where is my order", "Where is my order? Otherwise I want a refund.");
        await IntakeKit.UntilAsync(
            async () => (await h.App.RequestLogAsync()).Where(r => r.Status == 500 && r.Method == "POST" && TaggingHarness.IsTicketPath(r.Path, ticketId)).ToList(),
            l => l.Count > 0,
            "a 500 on the tag write");
        await h.App.Control.ClearFaultsAsync("acme", Ct);

        (await h.TagsUntilAsync(ticketId, t => t.Count == 2, "both tags")).ShouldBe(["order-status", "refund"]);
        await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.Applied), "the applied run");
        await h.SettledAsync(ticketId);
        var writes = await h.WritesAsync(ticketId);
        writes.Where(w => w.Status is >= 200 and < 300).Select(w => w.Method).ShouldBe(["POST"]);
        writes.ShouldContain(w => w.Status == 500);
        (await h.RunsAsync(ticketId)).Count(r => r.Outcome == RuleRunOutcome.Applied).ShouldBe(1);
    }

    [Fact]
    public async Task Record_a_deleted_ticket_and_carry_on_with_the_next()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(LanguageRules());

        // A webhook of a ticket deleted since (the sandbox has no such ticket any more).
        const long gone = 987_654_321;
        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(gone, subject: "Where is my order?"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var run = (await h.RunsUntilAsync(gone, rs => rs.Count > 0, "the run of the gone ticket"))[0];
        run.Outcome.ShouldBe(RuleRunOutcome.TicketGone);
        run.Detail.ShouldNotBeNull().ShouldContain("404");
        await IntakeKit.UntilAsync(async () => (await IntakeKit.RowsAsync(h.App)).Single(r => r.TicketId == gone), r => r.State == InboxEventState.Done, "the row done (not retried)");

        var next = await h.WriteInAsync("Where is my order?", "Where is my order #79?");
        await h.TagsUntilAsync(next, t => t.Contains("order-status"), "the next ticket tagged");
    }

    [Fact]
    public async Task Record_a_refused_write_with_its_reason_and_make_the_others()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(TestRules.Tag("Refund to a team that does not exist", "refund", RefundPhrases).With(
            new RuleAction { Type = RuleActionTypes.AssignTeam, TeamId = 123_456_789 }));

        var ticketId = await h.WriteInAsync("Refund", "I want a refund");

        var run = (await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.WriteRejected), "the rejected run")).Single(r => r.Outcome == RuleRunOutcome.WriteRejected);
        run.Detail.ShouldNotBeNull().ShouldContain("update_ticket");
        run.Writes.ShouldContain("\"rejected\"");
        (await h.TagsAsync(ticketId)).ShouldBe(["refund"]);
    }

    [Fact]
    public async Task Respect_an_agent_undoing_a_tag_and_stop_a_fight_at_the_round_cap()
    {
        await using var h = await TaggingHarness.StartAsync(o => o.Settings["Tagging:MaxWriteRounds"] = "2");
        var always = TestRules.Tag("Refund, on every event", "refund", RefundPhrases, triggers: [RuleTrigger.TicketCreated, RuleTrigger.CustomerMessageAdded, RuleTrigger.TicketUpdated]);
        await h.SetRulesAsync(always);
        var ticketId = await h.WriteInAsync("Refund", "I want a refund");
        await h.TagsUntilAsync(ticketId, t => t.Contains("refund"), "refund");
        await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.Echo), "the echo");

        // The agent removes our tag: the ticket is back where we started, which we don't fight.
        await h.RemoveTagAsAgentAsync(ticketId, "refund");
        await h.RunsUntilAsync(ticketId, rs => rs.Count(r => r.Outcome == RuleRunOutcome.Echo) >= 2, "the undo seen");
        (await h.TagsAsync(ticketId)).ShouldBeEmpty();

        // Another change re-runs the rules: round 2 writes the tag again.
        await h.SetStatusAsAgentAsync(ticketId, "closed");
        await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.Applied && r.Trigger == "ticket_updated"), "round 2");
        await h.TagsUntilAsync(ticketId, t => t.Contains("refund"), "refund again");

        // The agent insists and changes something else: a third round would be a fight, the cap refuses it.
        await h.RemoveTagAsAgentAsync(ticketId, "refund");
        await h.SetStatusAsAgentAsync(ticketId, "open");
        var runs = await h.RunsUntilAsync(ticketId, rs => rs.Any(r => r.Outcome == RuleRunOutcome.RoundCapReached), "the round cap");
        await h.SettledAsync(ticketId);
        runs = await h.RunsAsync(ticketId);
        runs.Count(r => r.Outcome == RuleRunOutcome.Applied).ShouldBe(2);
        runs.Single(r => r.Outcome == RuleRunOutcome.RoundCapReached).Detail.ShouldNotBeNull().ShouldContain("Loop guard");
        (await h.TagsAsync(ticketId)).ShouldBeEmpty();
        (await h.WritesAsync(ticketId)).Count.ShouldBe(2);
    }
}
