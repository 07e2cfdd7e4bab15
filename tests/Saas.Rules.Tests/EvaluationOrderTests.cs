using Saas.Rules.Definitions;
using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class EvaluationOrderTests
{
    private const string Refund = """{"field":"any_message","op":"contains_any","values":["refund"]}""";

    [Fact]
    public void Rules_run_in_position_order_not_input_order()
    {
        var first = TagRule(Refund, "first");
        var second = TagRule(Refund, "second");
        var set = Compiler.Compile([new RuleSpec(Guid.NewGuid(), 1, 5, second), new RuleSpec(Guid.NewGuid(), 1, 1, first)]);
        set.Rules.Select(r => r.Definition.Name).ShouldBe(["first rule", "second rule"]);
        Evaluate(set, Ticket("refund")).Trace.Select(t => t.Name).ShouldBe(["first rule", "second rule"]);
        Evaluate(set, Ticket("refund")).Plan.AddTags.ShouldBe(["first", "second"]);
    }

    [Fact]
    public void A_disabled_rule_is_skipped_and_says_so()
    {
        var result = Evaluate(Compile(TagRule(Refund, "off", ""","state":"disabled" """)), Ticket("refund"));
        result.Trace[0].Outcome.ShouldBe(RuleOutcome.SkippedDisabled);
        result.Trace[0].Condition.ShouldBeNull();
        result.Plan.IsEmpty.ShouldBeTrue();
        result.ShadowPlan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void A_shadow_rule_fills_the_shadow_plan_only()
    {
        var result = Evaluate(Compile(TagRule(Refund, "maybe", ""","state":"shadow" """), TagRule(Refund, "sure")), Ticket("refund"));
        result.Trace[0].Outcome.ShouldBe(RuleOutcome.Matched);
        result.ShadowPlan.AddTags.ShouldBe(["maybe"]);
        result.Plan.AddTags.ShouldBe(["sure"]);
    }

    [Fact]
    public void A_rule_whose_triggers_do_not_include_the_event_is_skipped()
    {
        var set = Compile(TagRule(Refund, "created-only", ""","triggers":["ticket_created"]"""));
        Evaluate(set, Ticket("refund"), RuleTrigger.TicketUpdated).Trace[0].Outcome.ShouldBe(RuleOutcome.SkippedTrigger);
        Evaluate(set, Ticket("refund"), RuleTrigger.TicketCreated).Plan.AddTags.ShouldBe(["created-only"]);
    }

    [Fact]
    public void A_matching_enabled_rule_with_stop_processing_stops_later_rules()
    {
        var set = Compile(
            TagRule(Refund, "no-match-stop", ""","stop_processing":true""").With("""{"field":"subject","op":"contains_any","values":["nothing here"]}"""),
            TagRule(Refund, "stopper", ""","stop_processing":true"""),
            TagRule(Refund, "later"),
            TagRule(Refund, "later-disabled", ""","state":"disabled" """));
        var result = Evaluate(set, Ticket("refund"));
        result.Trace.Select(t => t.Outcome).ShouldBe([RuleOutcome.NotMatched, RuleOutcome.Matched, RuleOutcome.SkippedStopped, RuleOutcome.SkippedDisabled]);
        result.Plan.AddTags.ShouldBe(["stopper"]);
    }

    [Fact]
    public void A_matching_shadow_rule_with_stop_processing_stops_nothing()
    {
        var result = Evaluate(Compile(TagRule(Refund, "shadow-stop", ""","state":"shadow","stop_processing":true"""), TagRule(Refund, "later")), Ticket("refund"));
        result.Trace.Select(t => t.Outcome).ShouldBe([RuleOutcome.Matched, RuleOutcome.Matched]);
        result.Plan.AddTags.ShouldBe(["later"]);
        result.ShadowPlan.AddTags.ShouldBe(["shadow-stop"]);
    }

    [Fact]
    public void A_rule_without_condition_always_matches()
    {
        var result = Evaluate(Compile(Rule("""{"name":"always","actions":[{"type":"add_tags","tags":["seen"]}]}""")), Ticket());
        result.Trace[0].Outcome.ShouldBe(RuleOutcome.Matched);
        result.Trace[0].Condition.ShouldNotBeNull().Result.ShouldBeTrue();
        result.Plan.AddTags.ShouldBe(["seen"]);
    }
}

internal static class RuleDefinitionTestExtensions
{
    public static RuleDefinition With(this RuleDefinition rule, string whenJson) =>
        rule with { When = RuleJson.Deserialize($$"""{"name":"x","when":{{whenJson}},"actions":[]}""").When };
}
