using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saas.Rules.Definitions;

/// <summary>
/// The one JSON shape of rules (API bodies, stored versions, the starter pack): snake_case, enums as snake_case
/// strings, unknown members rejected (so a typo is a field error, not a silently ignored condition), nulls omitted.
/// </summary>
public static class RuleJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(RuleDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>Parses a stored or posted definition; throws <see cref="JsonException"/> (with its path) on bad JSON or an unknown member.</summary>
    public static RuleDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<RuleDefinition>(json, Options) ?? throw new JsonException("A rule definition is required (got null).");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
