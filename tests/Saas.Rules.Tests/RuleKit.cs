using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Rules.Tests;

/// <summary>Builds rules from their JSON (the shape merchants save), tickets and evaluations for the engine tests.</summary>
internal static class RuleKit
{
    public static readonly RuleCompiler Compiler = new();

    public static readonly DateTimeOffset MondayNoonUtc = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static RuleDefinition Rule(string json) => RuleJson.Deserialize(json);

    /// <summary>A rule with the given condition JSON that adds <paramref name="tag"/>.</summary>
    public static RuleDefinition TagRule(string whenJson, string tag = "hit", string extra = "") =>
        Rule($$"""{"name":"{{tag}} rule","when":{{whenJson}},"actions":[{"type":"add_tags","tags":["{{tag}}"]}]{{extra}}}""");

    public static ICompiledRuleSet Compile(params RuleDefinition[] rules) =>
        Compiler.Compile(rules.Select((r, i) => new RuleSpec(Guid.NewGuid(), 1, i, r)));

    public static TicketSnapshot Ticket(string? subject = null, params string[] customerMessages) => new()
    {
        TicketId = 42,
        Subject = subject,
        Messages = [.. customerMessages.Select((m, i) => new SnapshotMessage(100 + i, false, true, m, MondayNoonUtc))],
        MessageCount = customerMessages.Length,
        CreatedAt = MondayNoonUtc,
        CustomerEmail = "jane.doe@example.com",
        CustomerName = "Jane Doe",
    };

    public static RuleEvaluationResult Evaluate(ICompiledRuleSet set, TicketSnapshot ticket, RuleTrigger trigger = RuleTrigger.TicketCreated) =>
        set.Evaluate(ticket, new RuleEvaluationContext(trigger, BusinessHours.Default));

    /// <summary>Whether the single rule <c>{"field":…,"op":…}</c> matches the ticket.</summary>
    public static bool Matches(string whenJson, TicketSnapshot ticket) =>
        Evaluate(Compile(TagRule(whenJson)), ticket).Trace[0].Outcome == RuleOutcome.Matched;

    public static ConditionTrace Leaf(RuleEvaluationResult result, int rule = 0)
    {
        var node = result.Trace[rule].Condition ?? throw new InvalidOperationException("No condition trace.");
        while (node.Field is null && node.Children.Count > 0)
        {
            node = node.Children[0];
        }

        return node;
    }
}
