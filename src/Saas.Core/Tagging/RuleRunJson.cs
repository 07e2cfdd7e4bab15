using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Saas.Rules.Engine;

namespace Saas.Core.Tagging;

/// <summary>The JSON of rule runs (stored columns and API answers): snake_case, enums as snake_case strings.</summary>
public static class RuleRunJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary><c>[{"rule_id": …, "version": …}]</c> of every rule of the set, in order.</summary>
    public static string Versions(IEnumerable<RuleSpec> rules) =>
        JsonSerializer.Serialize(rules.Select(r => new { rule_id = r.RuleId, version = r.Version }), Options);

    /// <summary>The stored trace: plan, shadow plan, the writes the plan needed against the ticket, the engine's entries.</summary>
    public static string Trace(RuleEvaluationResult? result, TicketWrites? writes)
    {
        if (result is null)
        {
            return "{}";
        }

        var node = new JsonObject
        {
            ["plan"] = JsonSerializer.SerializeToNode(result.Plan, Options),
            ["shadow_plan"] = JsonSerializer.SerializeToNode(result.ShadowPlan, Options),
            ["writes_needed"] = writes is null ? null : JsonSerializer.SerializeToNode(writes, Options),
            ["entries"] = JsonSerializer.SerializeToNode(result.Trace, Options),
        };
        return node.ToJsonString(Options);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
