using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class ConditionTreeTests
{
    private const string Refund = """{"field":"subject","op":"contains_any","values":["refund"]}""";
    private const string Late = """{"field":"subject","op":"contains_any","values":["late"]}""";
    private const string Vip = """{"field":"tags","op":"one_of","values":["vip"]}""";

    [Theory]
    [InlineData("refund, late", true)]
    [InlineData("refund", false)]
    [InlineData("late", false)]
    public void All_needs_every_child(string subject, bool expected) =>
        Matches($$"""{"all":[{{Refund}},{{Late}}]}""", Ticket(subject)).ShouldBe(expected);

    [Theory]
    [InlineData("refund", true)]
    [InlineData("late", true)]
    [InlineData("hello", false)]
    public void Any_needs_one_child(string subject, bool expected) =>
        Matches($$"""{"any":[{{Refund}},{{Late}}]}""", Ticket(subject)).ShouldBe(expected);

    [Theory]
    [InlineData("refund", false)]
    [InlineData("hello", true)]
    public void Not_negates(string subject, bool expected) =>
        Matches($$"""{"not":{{Refund}}}""", Ticket(subject)).ShouldBe(expected);

    [Fact]
    public void Nested_trees_combine()
    {
        var when = $$"""{"all":[{"any":[{{Refund}},{{Late}}]},{"not":{{Vip}}}]}""";
        Matches(when, Ticket("late parcel")).ShouldBeTrue();
        Matches(when, Ticket("late parcel") with { Tags = ["VIP"] }).ShouldBeFalse();
        Matches(when, Ticket("hello")).ShouldBeFalse();
    }

    [Fact]
    public void All_short_circuits_at_the_first_false_child_and_the_trace_shows_only_what_ran()
    {
        var result = Evaluate(Compile(TagRule($$"""{"all":[{{Late}},{{Refund}},{{Vip}}]}""")), Ticket("refund please"));
        var all = result.Trace[0].Condition.ShouldNotBeNull();
        all.Path.ShouldBe("when.all");
        all.Result.ShouldBeFalse();
        all.Children.ShouldHaveSingleItem().Path.ShouldBe("when.all[0]");
    }

    [Fact]
    public void Any_short_circuits_at_the_first_true_child()
    {
        var result = Evaluate(Compile(TagRule($$"""{"any":[{{Late}},{{Refund}},{{Vip}}]}""")), Ticket("refund please"));
        var any = result.Trace[0].Condition.ShouldNotBeNull();
        any.Result.ShouldBeTrue();
        any.Children.Select(c => (c.Path, c.Result)).ShouldBe([("when.any[0]", false), ("when.any[1]", true)]);
    }

    [Fact]
    public void Not_paths_and_results_are_traced()
    {
        var result = Evaluate(Compile(TagRule($$"""{"all":[{"not":{{Vip}}}]}""")), Ticket("x") with { Tags = ["vip"] });
        var not = result.Trace[0].Condition.ShouldNotBeNull().Children.ShouldHaveSingleItem();
        not.Path.ShouldBe("when.all[0].not");
        not.Result.ShouldBeFalse();
        var leaf = not.Children.ShouldHaveSingleItem();
        (leaf.Path, leaf.Field, leaf.Op, leaf.Result).ShouldBe(("when.all[0].not", "tags", "one_of", true));
        leaf.Matches.ShouldHaveSingleItem().ShouldBe(new TermMatch("vip", "tags", "vip"));
    }
}
