using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class RegexTests
{
    [Fact]
    public void Regex_is_case_insensitive_and_runs_on_the_original_text()
    {
        Matches("""{"field":"subject","op":"matches","value":"rücksendung"}""", Ticket("RÜCKSENDUNG bitte")).ShouldBeTrue();
        Matches("""{"field":"subject","op":"matches","value":"rucksendung"}""", Ticket("Rücksendung bitte")).ShouldBeFalse();
        Matches("""{"field":"subject","op":"matches","value":"order\\?"}""", Ticket("where is my order?")).ShouldBeTrue();
    }

    [Fact]
    public void A_pattern_the_linear_engine_cannot_run_still_works_with_backtracking()
    {
        // A backreference and a lookahead: not supported by RegexOptions.NonBacktracking. A generous timeout, so a
        // loaded test machine cannot turn this into a timeout (the timeout has its own test).
        var set = new RuleCompiler(TimeSpan.FromSeconds(30)).Compile(
            [new RuleSpec(Guid.NewGuid(), 1, 0, TagRule("""{"field":"subject","op":"matches","value":"(\\w)\\1(?=!)"}"""))]);
        Evaluate(set, Ticket("soo!")).Plan.AddTags.ShouldBe(["hit"]);
        Evaluate(set, Ticket("so!")).Plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Catastrophic_nested_quantifiers_stay_linear_with_the_non_backtracking_engine()
    {
        var input = new string('a', 50_000) + "!";
        Matches("""{"field":"subject","op":"matches","value":"^(a+)+$"}""", Ticket(input)).ShouldBeFalse();
    }

    [Fact]
    public void A_timeout_makes_the_condition_false_with_a_note_and_never_throws()
    {
        // The lookahead forces the backtracking engine; (a|aa)+ before a missing 'b' backtracks exponentially.
        var compiler = new RuleCompiler(TimeSpan.FromMilliseconds(20));
        var set = compiler.Compile([new RuleSpec(Guid.NewGuid(), 1, 0, TagRule("""{"any":[{"field":"any_message","op":"matches","value":"^(a|aa)+(?=b)"},{"field":"subject","op":"contains_any","values":["never"]}]}"""))]);
        var ticket = Ticket(new string('a', 5_000) + "c", "a second message");

        var result = Evaluate(set, ticket);

        result.Trace[0].Outcome.ShouldBe(RuleOutcome.NotMatched);
        var regex = result.Trace[0].Condition.ShouldNotBeNull().Children[0];
        regex.Result.ShouldBeFalse();
        regex.Note.ShouldNotBeNull().ShouldContain("timed out after 20 ms on subject");
        result.Plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void The_compiler_rejects_a_non_positive_timeout() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RuleCompiler(TimeSpan.Zero));
}
