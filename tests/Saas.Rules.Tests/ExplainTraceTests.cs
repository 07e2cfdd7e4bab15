using Saas.Rules.Definitions;
using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

/// <summary>"Why was this tagged?": which rule, which condition, which words matched where, as the customer wrote them.</summary>
public sealed class ExplainTraceTests
{
    [Fact]
    public void The_trace_names_rule_condition_words_and_places_in_the_original_text()
    {
        var ruleId = Guid.NewGuid();
        var rule = Rule("""
            {"name":"Refunds","when":{"any":[
              {"field":"subject","op":"contains_any","values":["where is my order"]},
              {"field":"any_message","op":"contains_any","values":["rembourse","Rücksendung","refund*"]}]},
             "actions":[{"type":"add_tags","tags":["refund"]}]}
            """);
        var set = Compiler.Compile([new RuleSpec(ruleId, 3, 0, rule)]);
        var ticket = new TicketSnapshot
        {
            TicketId = 1,
            Subject = "Bestellung",
            Messages =
            [
                new SnapshotMessage(501, false, true, "Ich möchte eine RÜCKSENDUNG.", null),
                new SnapshotMessage(502, false, true, "Je veux être Remboursé, or a refund.", null),
            ],
        };

        var entry = set.Evaluate(ticket, new RuleEvaluationContext(RuleTrigger.TicketCreated, BusinessHours.Default)).Trace.ShouldHaveSingleItem();

        (entry.RuleId, entry.Version, entry.Name, entry.State, entry.Outcome).ShouldBe((ruleId, 3, "Refunds", RuleState.Enabled, RuleOutcome.Matched));
        entry.Actions.ShouldBe(rule.Actions);
        var any = entry.Condition.ShouldNotBeNull();
        any.Children.Select(c => (c.Path, c.Field, c.Op, c.Result)).ShouldBe(
        [
            ("when.any[0]", "subject", "contains_any", false),
            ("when.any[1]", "any_message", "contains_any", true),
        ]);
        any.Children[1].Matches.ShouldBe(
        [
            new TermMatch("Rücksendung", "message:501", "RÜCKSENDUNG"),
            new TermMatch("rembourse", "message:502", "Remboursé"),
            new TermMatch("refund*", "message:502", "refund"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void Skipped_rules_are_in_the_trace_with_their_reason_and_no_condition()
    {
        var set = Compile(
            TagRule("""{"field":"subject","op":"contains_any","values":["x"]}""", "off", ""","state":"disabled" """),
            TagRule("""{"field":"subject","op":"contains_any","values":["x"]}""", "updates", ""","triggers":["ticket_updated"]"""));
        var result = Evaluate(set, Ticket("x"));
        result.Trace.Select(t => (t.Name, t.Outcome, t.Condition)).ShouldBe(
        [
            ("off rule", RuleOutcome.SkippedDisabled, (ConditionTrace?)null),
            ("updates rule", RuleOutcome.SkippedTrigger, null),
        ]);
    }

    [Fact]
    public void Regex_and_comparison_matches_show_the_original_text()
    {
        var result = Evaluate(Compile(Rule("""
            {"name":"r","when":{"all":[
              {"field":"any_message","op":"matches","value":"commande\\s+#\\d+"},
              {"field":"customer_email_domain","op":"equals","value":"Example.com"}]},
             "actions":[{"type":"add_tags","tags":["t"]}]}
            """)), Ticket("Ma COMMANDE  #991 est perdue"));
        var all = result.Trace[0].Condition.ShouldNotBeNull();
        all.Children[0].Matches.ShouldHaveSingleItem().ShouldBe(new TermMatch("commande\\s+#\\d+", "subject", "COMMANDE  #991"));
        all.Children[1].Matches.ShouldHaveSingleItem().ShouldBe(new TermMatch("Example.com", "customer_email_domain", "example.com"));
    }

    [Fact]
    public void Messages_without_an_id_are_named_by_position()
    {
        var ticket = new TicketSnapshot { TicketId = 1, Messages = [new SnapshotMessage(0, false, true, "refund", null)] };
        var result = Evaluate(Compile(TagRule("""{"field":"any_message","op":"contains_any","values":["refund"]}""")), ticket);
        Leaf(result).Matches.ShouldHaveSingleItem().Where.ShouldBe("message[0]");
    }

    [Fact]
    public void Matched_words_in_a_note_leave_out_words_under_a_not()
    {
        var result = Evaluate(Compile(Rule("""
            {"name":"n","when":{"all":[{"field":"subject","op":"contains_any","values":["colis"]},{"not":{"field":"subject","op":"contains_any","values":["merci"]}}]},
             "actions":[{"type":"add_internal_note","note":"{{matched}}"}]}
            """)), Ticket("Colis perdu"));
        result.Plan.InternalNotes.ShouldBe(["Colis"]);
    }
}
