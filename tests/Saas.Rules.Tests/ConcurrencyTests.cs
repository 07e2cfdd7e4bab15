using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task One_compiled_set_evaluates_the_same_on_many_threads_at_once()
    {
        var set = Compile(
            TagRule("""{"field":"any_message","op":"contains_any","values":["rücksendung","rembours*","où est ma commande"]}""", "a"),
            TagRule("""{"field":"subject","op":"matches","value":"#\\d+"}""", "b"),
            TagRule("""{"not":{"field":"tags","op":"is_empty"}}""", "c"));
        // Greek and Cyrillic letters are folded lazily on first sight: the threads race to fill the table.
        var tickets = Enumerable.Range(0, 40).Select(i => Ticket($"Commande #{i} Ελλάδα", i % 2 == 0 ? "Où est ma commande ?" : "Возврат, Rücksendung bitte") with { Tags = i % 3 == 0 ? ["x"] : [] }).ToList();
        var expected = tickets.Select(t => string.Join(",", Evaluate(set, t).Plan.AddTags)).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            tickets.Select(t => string.Join(",", Evaluate(set, t).Plan.AddTags)).ToList(), TestContext.Current.CancellationToken)));

        foreach (var result in results)
        {
            result.ShouldBe(expected);
        }

        expected.ShouldContain("a,b,c");
        expected.ShouldContain("a,b");
    }
}
