using Saas.Core.Tagging;

namespace Saas.Web.Tests.Tagging;

/// <summary>
/// The demo's promise, end to end with nothing configured: a tenant connected through the real install gets the
/// starter pack, and tickets customers write in (through the sandbox, which fires the app's webhook) carry the
/// pack's tags within seconds.
/// </summary>
public sealed class StarterPackLiveShould
{
    [Fact]
    public async Task Tag_written_in_tickets_with_the_starter_pack_installed_at_connect()
    {
        await using var h = await TaggingHarness.StartAsync();

        var english = await h.WriteInAsync("Order #1234", "Where is my order #1234? It still hasn't arrived");
        var german = await h.WriteInAsync("Bestellung", "Hallo, wo bleibt meine Bestellung? Ich warte seit zwei Wochen.", language: "de", email: "lena@example.de");
        var french = await h.WriteInAsync("Remboursement", "Bonjour, je voudrais être remboursé pour ma commande.", language: "fr", email: "chloe@example.fr");

        (await h.TagsUntilAsync(english, t => t.Contains("order-status"), "order-status on the English ticket")).ShouldContain("order-status");
        (await h.TagsUntilAsync(german, t => t.Contains("order-status"), "order-status on the German ticket")).ShouldContain("order-status");
        (await h.TagsUntilAsync(french, t => t.Contains("refund"), "refund on the French ticket")).ShouldContain("refund");

        // "Why": the applied run names the starter rule and the words that matched.
        var runs = await h.RunsUntilAsync(french, rs => rs.Any(r => r.Outcome == RuleRunOutcome.Applied), "the French ticket's applied run");
        var applied = runs.Single(r => r.Outcome == RuleRunOutcome.Applied);
        applied.Trigger.ShouldBe("ticket_created");
        applied.Trace.ShouldContain("rembours", Case.Insensitive);
    }
}
