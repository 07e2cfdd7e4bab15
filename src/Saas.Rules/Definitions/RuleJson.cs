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

    /// <summary>
    /// Parses a posted definition without throwing: on bad JSON, an unknown member, a wrong kind of value or a missing
    /// required member, <paramref name="error"/> says where (a JSON path such as <c>$.when.feild</c>) and what, in words
    /// meant for the merchant (no .NET type names). Shape checks beyond JSON are the compiler's Validate.
    /// </summary>
    public static bool TryDeserialize(string json, out RuleDefinition? definition, out Engine.RuleValidationError? error)
    {
        definition = null;
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = new Engine.RuleValidationError("$", "A rule definition is required (the body is empty).");
            return false;
        }

        try
        {
            definition = JsonSerializer.Deserialize<RuleDefinition>(json, Options);
            if (definition is null)
            {
                error = new Engine.RuleValidationError("$", "A rule definition is required (got null).");
                return false;
            }

            return true;
        }
        catch (JsonException e)
        {
            error = Describe(e);
            return false;
        }
    }

    private static Engine.RuleValidationError Describe(JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = path[(path.LastIndexOf('.') + 1)..].Trim('[', ']', '\'', '"');
            return new(path, $"Unknown member '{name}'.");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var quoted = message.Split('\'');
            var member = quoted.Length >= 4 ? quoted[^2] : "a required member";
            return new(path == "$" ? "$." + member : path + "." + member, $"'{member}' is required.");
        }

        if (message.Contains(nameof(RuleTrigger), StringComparison.Ordinal))
        {
            return new(path, "A trigger must be one of ticket_created, customer_message_added, ticket_updated.");
        }

        if (message.Contains(nameof(RuleState), StringComparison.Ordinal))
        {
            return new(path, "The state must be one of enabled, shadow, disabled.");
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var expected = message.Contains("List`1", StringComparison.Ordinal) ? "a list"
                : message.Contains("Saas.Rules.Definitions.Rule", StringComparison.Ordinal) ? "an object"
                : message.Contains("System.String", StringComparison.Ordinal) ? "a string"
                : message.Contains("System.Int64", StringComparison.Ordinal) ? "a whole number"
                : message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
                : "a value of another kind";
            return new(path, $"Expected {expected} here.");
        }

        return new(path, "The JSON is malformed: " + (e.InnerException?.Message ?? message));
    }

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
