using Saas.Rules.Engine;

namespace Saas.Rules.Tests;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Rücksendung", "rucksendung")]
    [InlineData("Où est ma commande ?", "ou est ma commande")]
    [InlineData("¿Dónde está mi PEDIDO?", "donde esta mi pedido")]
    [InlineData("Straße", "strasse")]
    [InlineData("GROẞE Bestellung", "grosse bestellung")]
    [InlineData("Æble, cœur, Søren, Łódź", "aeble coeur soren lodz")]
    [InlineData("  Hello,\t\n  world!!  ", "hello world")]
    [InlineData("order #1234 -- it's late", "order 1234 it s late")]
    [InlineData("Je voudrais être remboursé", "je voudrais etre rembourse")]
    [InlineData("Ça va? Niño! Ångström", "ca va nino angstrom")]
    [InlineData("😀 refund 😀", "refund")]
    [InlineData("", "")]
    [InlineData("?!…", "")]
    public void Folds_case_accents_and_punctuation(string text, string folded) =>
        TextFolding.Fold(text).ShouldBe(folded);

    [Fact]
    public void Decomposed_input_folds_like_composed_input() =>
        TextFolding.Fold("Rucksendung".Insert(2, "\u0308")).ShouldBe(TextFolding.Fold("Rücksendung"));

    [Theory]
    [InlineData("Où est ma commande ?", "ou est", "Où est")]
    [InlineData("Bitte die Rücksendung!", "rucksendung", "Rücksendung")]
    [InlineData("Straße 5", "strasse", "Straße")]
    [InlineData("e\u0301te\u0301 2026", "ete", "e\u0301te\u0301")]
    public void Maps_folded_offsets_back_to_the_original_text(string text, string term, string original)
    {
        var folded = TextFolding.FoldWithMap(text);
        var at = folded.Folded.IndexOf(term, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0);
        folded.OriginalSlice(at, at + term.Length).ShouldBe(original);
    }
}
