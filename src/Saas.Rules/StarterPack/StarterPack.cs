using System.Text.Json;
using Saas.Rules.Definitions;

namespace Saas.Rules.StarterPack;

/// <summary>One rule of the starter pack: a stable key (the tag it adds, e.g. <c>order-status</c>) and its definition.</summary>
public sealed record StarterRule(string Key, RuleDefinition Definition);

/// <summary>
/// The rules a new tenant starts with (installed enabled, removable): one per tag, phrasings in English, German,
/// French and Spanish. The content is <c>starter-pack.json</c> (embedded), in <see cref="RuleJson"/>'s shape:
/// <c>[{"key":"order-status","rule":{…}}, …]</c>, in evaluation order.
/// </summary>
public static class StarterPack
{
    private static readonly Lazy<IReadOnlyList<StarterRule>> Loaded = new(Load);

    public static IReadOnlyList<StarterRule> Rules => Loaded.Value;

    private static List<StarterRule> Load()
    {
        using var stream = typeof(StarterPack).Assembly.GetManifestResourceStream("Saas.Rules.StarterPack.starter-pack.json")
            ?? throw new InvalidOperationException("starter-pack.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray()
            .Select(e => new StarterRule(
                e.GetProperty("key").GetString() ?? throw new JsonException("A starter rule needs a key."),
                e.GetProperty("rule").Deserialize<RuleDefinition>(RuleJson.Options) ?? throw new JsonException("A starter rule needs a rule.")))
            .ToList();
    }
}
