using System.Text.Json;
using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>A stored rule as the engine compiles it: identity and version for the trace, position for the order.</summary>
public sealed record RuleSpec(Guid RuleId, int Version, int Position, RuleDefinition Definition);

/// <summary>What an evaluation needs besides the ticket.</summary>
/// <param name="Trigger">The event (rules not listing it are skipped, and say so in the trace).</param>
/// <param name="BusinessHours">The tenant's business hours, for <see cref="RuleFields.InBusinessHours"/>.</param>
public sealed record RuleEvaluationContext(RuleTrigger Trigger, BusinessHours BusinessHours);

/// <summary>
/// The writes the enabled, matching rules ask for, merged in rule order (later rules win for single values; a tag both
/// added and removed ends as the last rule said). Not yet compared with the ticket: the live path does that.
/// </summary>
public sealed record RulePlan
{
    public IReadOnlyList<string> AddTags { get; init; } = [];

    public IReadOnlyList<string> RemoveTags { get; init; } = [];

    public string? Priority { get; init; }

    public long? TeamId { get; init; }

    /// <summary>The assignee's email as configured (the live path resolves it to a user id).</summary>
    public string? AssigneeUserEmail { get; init; }

    public IReadOnlyDictionary<long, JsonElement> CustomFields { get; init; } = new Dictionary<long, JsonElement>();

    /// <summary>Internal notes, templates already filled in.</summary>
    public IReadOnlyList<string> InternalNotes { get; init; } = [];

    public bool IsEmpty => AddTags.Count == 0 && RemoveTags.Count == 0 && Priority is null && TeamId is null
        && AssigneeUserEmail is null && CustomFields.Count == 0 && InternalNotes.Count == 0;
}

/// <summary>The result of evaluating a rule set on one ticket: the plan and the explain trace.</summary>
/// <param name="Plan">What enabled rules ask for.</param>
/// <param name="ShadowPlan">What shadow rules would have asked for (recorded, never written).</param>
/// <param name="Trace">One entry per rule in order, including skipped ones.</param>
public sealed record RuleEvaluationResult(RulePlan Plan, RulePlan ShadowPlan, IReadOnlyList<RuleTraceEntry> Trace);

/// <summary>Why a rule did or did not act.</summary>
public enum RuleOutcome
{
    Matched,
    NotMatched,
    SkippedDisabled,
    SkippedTrigger,
    /// <summary>An earlier matching rule had "stop processing later rules".</summary>
    SkippedStopped,
}

/// <summary>One rule's part of the trace ("why was this tagged?").</summary>
public sealed record RuleTraceEntry(
    Guid RuleId,
    int Version,
    string Name,
    RuleState State,
    RuleOutcome Outcome,
    ConditionTrace? Condition,
    IReadOnlyList<RuleAction> Actions);

/// <summary>
/// One evaluated node of the condition tree: <paramref name="Path"/> like <c>when.all[0]</c>, the leaf's field and
/// operator, the result and, for text operators, what matched where. Nodes not evaluated (short-circuit) are absent.
/// </summary>
public sealed record ConditionTrace(
    string Path,
    string? Field,
    string? Op,
    bool Result,
    IReadOnlyList<TermMatch> Matches,
    IReadOnlyList<ConditionTrace> Children,
    string? Note = null);

/// <summary>A word or phrase (or regex) that matched: the configured term, where (a field, e.g. <c>subject</c> or <c>message:12345</c>), and the original text matched.</summary>
public sealed record TermMatch(string Term, string Where, string Text);

/// <summary>One problem with a rule, for the API's per-field errors: <paramref name="Path"/> like <c>when.all[1].op</c> or <c>actions[0].team_id</c>.</summary>
public sealed record RuleValidationError(string Path, string Message);
