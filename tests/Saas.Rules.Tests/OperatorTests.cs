using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

/// <summary>Every operator on every field kind, against one realistic ticket.</summary>
public sealed class OperatorTests
{
    private static readonly TicketSnapshot Full = new()
    {
        TicketId = 7,
        Subject = "Re: Où est ma commande ?",
        Messages =
        [
            new SnapshotMessage(1, false, true, "Bonjour, je n'ai toujours pas reçu ma commande #1234.", MondayNoonUtc),
            new SnapshotMessage(2, true, true, "We are looking into your shipment.", MondayNoonUtc),
            new SnapshotMessage(3, true, false, "Internal: carrier lost it", MondayNoonUtc),
            new SnapshotMessage(4, false, true, "Je voudrais être remboursé.", MondayNoonUtc),
        ],
        Channel = "email",
        Via = "helpdesk",
        Language = "fr",
        CustomerEmail = "Jean.Dupont@Boutique.FR",
        CustomerName = "Jean Dupont",
        Tags = ["VIP", "Première commande"],
        Status = "open",
        Priority = "normal",
        AssigneeUserEmail = "agent@shop.com",
        AssigneeUserId = 55,
        AssigneeTeamId = 12,
        MessageCount = 4,
        CreatedAt = MondayNoonUtc,
    };

    private static readonly TicketSnapshot Bare = new() { TicketId = 8 };

    private static string Leaf(string field, string op, string operand = "") =>
        $$"""{"field":"{{field}}","op":"{{op}}"{{operand}}}""";

    private static string Values(params string[] values) => $$""","values":[{{string.Join(",", values.Select(v => $"\"{v}\""))}}]""";

    private static string Value(string json) => $$""","value":{{json}}""";

    [Theory]
    // subject
    [InlineData("subject", "contains_any", ""","values":["ou est ma commande","nope"]""", true)]
    [InlineData("subject", "contains_all", ""","values":["re","commande"]""", true)]
    [InlineData("subject", "contains_all", ""","values":["re","rembourse"]""", false)]
    [InlineData("subject", "equals", ""","value":"re: ou est ma commande"}""", true)]
    [InlineData("subject", "equals", ""","value":"ou est ma commande"}""", false)]
    [InlineData("subject", "starts_with", ""","value":"RE:"}""", true)]
    [InlineData("subject", "starts_with", ""","value":"fwd"}""", false)]
    [InlineData("subject", "one_of", ""","values":["hello","Re - où est ma commande"]""", true)]
    [InlineData("subject", "is_empty", "", false)]
    [InlineData("subject", "matches", ""","value":"^Re:\\s+Où"}""", true)]
    [InlineData("subject", "matches", ""","value":"^Re:\\s+Ou"}""", false)]
    // last customer message: only the latest customer message
    [InlineData("last_customer_message", "contains_any", ""","values":["remboursé"]""", true)]
    [InlineData("last_customer_message", "contains_any", ""","values":["recu"]""", false)]
    [InlineData("last_customer_message", "starts_with", ""","value":"je voudrais"}""", true)]
    [InlineData("last_customer_message", "is_empty", "", false)]
    // any message: subject + every message, agent and internal ones included
    [InlineData("any_message", "contains_any", ""","values":["carrier lost"]""", true)]
    [InlineData("any_message", "contains_all", ""","values":["ou est ma commande","recu","rembourse*"]""", true)]
    [InlineData("any_message", "contains_all", ""","values":["recu","refund"]""", false)]
    [InlineData("any_message", "matches", ""","value":"#\\d{4}"}""", true)]
    [InlineData("any_message", "equals", ""","value":"we are looking into your shipment"}""", true)]
    [InlineData("any_message", "is_empty", "", false)]
    // short text fields
    [InlineData("channel", "equals", ""","value":"Email"}""", true)]
    [InlineData("channel", "one_of", ""","values":["chat","email"]""", true)]
    [InlineData("channel", "one_of", ""","values":["chat","sms"]""", false)]
    [InlineData("via", "starts_with", ""","value":"help"}""", true)]
    [InlineData("language", "equals", ""","value":"FR"}""", true)]
    [InlineData("language", "is_empty", "", false)]
    [InlineData("customer_email", "equals", ""","value":"jean.dupont@boutique.fr"}""", true)]
    [InlineData("customer_email", "matches", ""","value":"@boutique\\.fr$"}""", true)]
    [InlineData("customer_email", "contains_any", ""","values":["dupont"]""", true)]
    [InlineData("customer_email_domain", "equals", ""","value":"boutique.fr"}""", true)]
    [InlineData("customer_email_domain", "one_of", ""","values":["gmail.com","boutique.fr"]""", true)]
    [InlineData("customer_email_domain", "equals", ""","value":"jean.dupont"}""", false)]
    [InlineData("status", "equals", ""","value":"open"}""", true)]
    [InlineData("status", "one_of", ""","values":["closed"]""", false)]
    [InlineData("priority", "equals", ""","value":"normal"}""", true)]
    [InlineData("assignee_user", "equals", ""","value":"AGENT@shop.com"}""", true)]
    [InlineData("assignee_user", "is_empty", "", false)]
    [InlineData("assignee_team", "equals", ""","value":"12"}""", true)]
    [InlineData("assignee_team", "one_of", ""","values":["3","4"]""", false)]
    // tags
    [InlineData("tags", "one_of", ""","values":["vip","wholesale"]""", true)]
    [InlineData("tags", "one_of", ""","values":["premiere commande"]""", true)]
    [InlineData("tags", "one_of", ""","values":["wholesale"]""", false)]
    [InlineData("tags", "contains_all", ""","values":["vip","Première commande"]""", true)]
    [InlineData("tags", "contains_all", ""","values":["vip","wholesale"]""", false)]
    [InlineData("tags", "is_empty", "", false)]
    // message count
    [InlineData("message_count", "equals", ""","value":4}""", true)]
    [InlineData("message_count", "equals", ""","value":3}""", false)]
    [InlineData("message_count", "at_least", ""","value":4}""", true)]
    [InlineData("message_count", "at_least", ""","value":5}""", false)]
    [InlineData("message_count", "at_most", ""","value":4}""", true)]
    [InlineData("message_count", "at_most", ""","value":3}""", false)]
    // business hours: Monday 12:00 UTC is inside the default hours
    [InlineData("in_business_hours", "equals", ""","value":true}""", true)]
    [InlineData("in_business_hours", "equals", ""","value":false}""", false)]
    public void Evaluates_on_a_full_ticket(string field, string op, string operand, bool expected) =>
        Matches(Leaf(field, op, operand.TrimEnd('}')), Full).ShouldBe(expected);

    [Theory]
    [InlineData("subject", true)]
    [InlineData("last_customer_message", true)]
    [InlineData("any_message", true)]
    [InlineData("channel", true)]
    [InlineData("customer_email", true)]
    [InlineData("customer_email_domain", true)]
    [InlineData("assignee_user", true)]
    [InlineData("assignee_team", true)]
    [InlineData("tags", true)]
    public void Is_empty_holds_on_a_bare_ticket(string field, bool expected) =>
        Matches(Leaf(field, "is_empty"), Bare).ShouldBe(expected);

    [Fact]
    public void Is_empty_counts_punctuation_only_text_as_empty() =>
        Matches(Leaf("subject", "is_empty"), Ticket("?!  …")).ShouldBeTrue();

    [Fact]
    public void Text_operators_on_a_bare_ticket_do_not_match()
    {
        Matches(Leaf("subject", "contains_any", Values("x")), Bare).ShouldBeFalse();
        Matches(Leaf("last_customer_message", "equals", Value("\"x\"")), Bare).ShouldBeFalse();
        Matches(Leaf("any_message", "matches", Value("\".\"")), Bare).ShouldBeFalse();
        Matches(Leaf("message_count", "equals", Value("0")), Bare).ShouldBeTrue();
    }

    [Fact]
    public void Last_customer_message_ignores_later_agent_messages()
    {
        var ticket = Full with { Messages = [.. Full.Messages.Take(3)] };
        Matches(Leaf("last_customer_message", "contains_any", Values("recu")), ticket).ShouldBeTrue();
        Matches(Leaf("last_customer_message", "contains_any", Values("shipment")), ticket).ShouldBeFalse();
    }

    [Fact]
    public void Business_hours_use_the_tenant_time_zone()
    {
        // 20:00 UTC on a Monday is 15:00 in New York: inside 9–17 there, outside in UTC.
        var evening = Full with { CreatedAt = new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero) };
        var newYork = BusinessHours.Default with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York") };
        var set = Compile(TagRule(Leaf("in_business_hours", "equals", Value("true"))));
        set.Evaluate(evening, new RuleEvaluationContext(Definitions.RuleTrigger.TicketCreated, newYork)).Plan.AddTags.ShouldBe(["hit"]);
        set.Evaluate(evening, new RuleEvaluationContext(Definitions.RuleTrigger.TicketCreated, BusinessHours.Default)).Plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Business_hours_without_a_creation_time_are_false_with_a_note()
    {
        foreach (var expected in new[] { "true", "false" })
        {
            var result = Evaluate(Compile(TagRule(Leaf("in_business_hours", "equals", Value(expected)))), Bare);
            var leaf = RuleKit.Leaf(result);
            leaf.Result.ShouldBeFalse();
            leaf.Note.ShouldNotBeNull().ShouldContain("no creation time");
        }
    }
}
