using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class PhraseMatchingTests
{
    private static bool SubjectContains(string subject, params string[] terms) =>
        Matches($$"""{"field":"subject","op":"contains_any","values":[{{string.Join(",", terms.Select(t => $"\"{t}\""))}}]}""", Ticket(subject));

    [Theory]
    [InlineData("Wo bleibt meine Rücksendung?", "rucksendung")]
    [InlineData("wo bleibt meine rucksendung", "Rücksendung")]
    [InlineData("Où est ma commande ?", "ou est ma commande")]
    [InlineData("ou est ma commande", "Où est ma commande ?")]
    [InlineData("¿DÓNDE está mi pedido?", "donde esta mi pedido")]
    [InlineData("Je voudrais être REMBOURSÉ", "rembourse")]
    [InlineData("Where is my order #1234? It still hasn't arrived", "where is my order")]
    [InlineData("Where   is\nmy... order", "where is my order")]
    [InlineData("Große Sorge", "grosse")]
    public void Matches_case_and_accent_insensitively(string subject, string term) =>
        SubjectContains(subject, term).ShouldBeTrue();

    [Theory]
    [InlineData("my orders are late", "order")]
    [InlineData("reorder please", "order")]
    [InlineData("where is my order", "where is my orders")]
    [InlineData("where is order", "where is my order")]
    [InlineData("remboursement", "rembourse")]
    public void Matches_whole_words_only(string subject, string term) =>
        SubjectContains(subject, term).ShouldBeFalse();

    [Theory]
    [InlineData("je veux un remboursement", true)]
    [InlineData("Remboursé svp", true)]
    [InlineData("rembours", true)]
    [InlineData("non-remboursable", true)]
    [InlineData("jamais rembou", false)]
    [InlineData("unrembours", false)]
    public void A_trailing_star_matches_a_word_prefix(string subject, bool expected) =>
        SubjectContains(subject, "rembours*").ShouldBe(expected);

    [Fact]
    public void A_prefix_match_reports_the_whole_original_word()
    {
        var result = Evaluate(Compile(TagRule("""{"field":"subject","op":"contains_any","values":["rembours*"]}""")), Ticket("Je veux être Remboursée !"));
        Leaf(result).Matches.ShouldHaveSingleItem().ShouldBe(new TermMatch("rembours*", "subject", "Remboursée"));
    }

    [Fact]
    public void Overlapping_and_nested_phrases_are_all_found()
    {
        var set = Compile(
            TagRule("""{"field":"subject","op":"contains_all","values":["my order","order status","status"]}""", "a"),
            TagRule("""{"field":"subject","op":"contains_any","values":["my order status please"]}""", "b"));
        var result = Evaluate(set, Ticket("Hi, my order status please"));
        result.Plan.AddTags.ShouldBe(["a", "b"]);
        Leaf(result).Matches.Select(m => m.Text).ShouldBe(["my order", "order status", "status"], ignoreOrder: true);
    }
}
