using System.Text.Json;
using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>One rule ready to run: its condition tree, its note templates, the triggers it listens to.</summary>
internal sealed class CompiledRule(RuleSpec spec, CompiledCondition? condition, NoteTemplate?[] notes)
{
    public RuleSpec Spec { get; } = spec;

    public CompiledCondition? Condition { get; } = condition;

    /// <summary>Per action index, the parsed template of an <c>add_internal_note</c> action (else null).</summary>
    public NoteTemplate?[] Notes { get; } = notes;

    public bool Listens(RuleTrigger trigger)
    {
        foreach (var t in Spec.Definition.Triggers)
        {
            if (t == trigger)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A compiled rule set (see <see cref="ICompiledRuleSet"/>): rules in position order, all their phrase lists in one
/// <see cref="PhraseMatcher"/>. Immutable; each <see cref="Evaluate"/> has its own <see cref="EvaluationState"/>.
/// </summary>
internal sealed class CompiledRuleSet(IReadOnlyList<RuleSpec> rules, CompiledRule[] compiled, PhraseMatcher matcher, int termCount) : ICompiledRuleSet
{
    private static readonly ConditionTrace Always = new("when", null, null, true, [], [], "No condition: the rule always applies.");

    public IReadOnlyList<RuleSpec> Rules { get; } = rules;

    /// <summary>Distinct folded phrases across the set (one matcher scans them all).</summary>
    public int TermCount { get; } = termCount;

    public PhraseMatcher Matcher { get; } = matcher;

    public RuleEvaluationResult Evaluate(TicketSnapshot ticket, RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        var state = new EvaluationState(ticket, context, Matcher);
        var plan = new PlanBuilder();
        PlanBuilder? shadow = null;
        var trace = new RuleTraceEntry[compiled.Length];
        var stopped = false;
        for (var i = 0; i < compiled.Length; i++)
        {
            var rule = compiled[i];
            var definition = rule.Spec.Definition;
            RuleOutcome outcome;
            ConditionTrace? condition = null;
            if (definition.State == RuleState.Disabled)
            {
                outcome = RuleOutcome.SkippedDisabled;
            }
            else if (stopped)
            {
                outcome = RuleOutcome.SkippedStopped;
            }
            else if (!rule.Listens(context.Trigger))
            {
                outcome = RuleOutcome.SkippedTrigger;
            }
            else
            {
                condition = rule.Condition?.Evaluate(state) ?? Always;
                outcome = condition.Result ? RuleOutcome.Matched : RuleOutcome.NotMatched;
                if (condition.Result)
                {
                    var target = definition.State == RuleState.Shadow ? shadow ??= new PlanBuilder() : plan;
                    Apply(rule, condition, ticket, target);
                    stopped = definition.StopProcessing && definition.State == RuleState.Enabled;
                }
            }

            trace[i] = new RuleTraceEntry(rule.Spec.RuleId, rule.Spec.Version, definition.Name, definition.State, outcome, condition, definition.Actions);
        }

        return new RuleEvaluationResult(plan.Build(), shadow?.Build() ?? PlanBuilder.EmptyPlan, trace);
    }

    private static void Apply(CompiledRule rule, ConditionTrace condition, TicketSnapshot ticket, PlanBuilder plan)
    {
        var actions = rule.Spec.Definition.Actions;
        for (var a = 0; a < actions.Count; a++)
        {
            var action = actions[a];
            switch (action.Type)
            {
                case RuleActionTypes.AddTags:
                    foreach (var tag in action.Tags!)
                    {
                        plan.Tag(tag, add: true);
                    }

                    break;
                case RuleActionTypes.RemoveTags:
                    foreach (var tag in action.Tags!)
                    {
                        plan.Tag(tag, add: false);
                    }

                    break;
                case RuleActionTypes.SetPriority:
                    plan.Priority = action.Priority;
                    break;
                case RuleActionTypes.AssignTeam:
                    plan.TeamId = action.TeamId;
                    break;
                case RuleActionTypes.AssignUser:
                    plan.AssigneeUserEmail = action.UserEmail;
                    break;
                case RuleActionTypes.SetCustomField:
                    plan.CustomFields[action.FieldId!.Value] = action.FieldValue!.Value;
                    break;
                case RuleActionTypes.AddInternalNote:
                    plan.Notes.Add(rule.Notes[a]!.Render(ticket, rule.Spec.Definition.Name, MatchedWords(condition)));
                    break;
            }
        }
    }

    /// <summary>The distinct original words that made the condition true (matches under a <c>not</c> made it false, so they are left out).</summary>
    internal static List<string> MatchedWords(ConditionTrace condition)
    {
        var words = new List<string>();
        Collect(condition, words);
        return words;

        static void Collect(ConditionTrace node, List<string> words)
        {
            if (!node.Result)
            {
                return;
            }

            foreach (var match in node.Matches)
            {
                if (!words.Contains(match.Text, StringComparer.OrdinalIgnoreCase))
                {
                    words.Add(match.Text);
                }
            }

            if (node.Field is null && node.Path.EndsWith(".not", StringComparison.Ordinal))
            {
                return;
            }

            foreach (var child in node.Children)
            {
                Collect(child, words);
            }
        }
    }
}

/// <summary>
/// Merges the actions of matching rules in order: a tag's last add or remove wins (compared case-insensitively, the
/// last rule's spelling kept, no duplicates), the last priority/team/assignee/custom-field value wins, notes append.
/// </summary>
internal sealed class PlanBuilder
{
    public static RulePlan EmptyPlan { get; } = new();

    // Tag decisions in order; a replaced decision is tombstoned (null) and the tag's new decision appended.
    private readonly List<(string Tag, bool Add)?> _tags = [];
    private readonly Dictionary<string, int> _tagIndex = new(StringComparer.OrdinalIgnoreCase);

    public string? Priority { get; set; }

    public long? TeamId { get; set; }

    public string? AssigneeUserEmail { get; set; }

    public Dictionary<long, JsonElement> CustomFields { get; } = [];

    public List<string> Notes { get; } = [];

    public void Tag(string tag, bool add)
    {
        if (_tagIndex.TryGetValue(tag, out var index))
        {
            _tags[index] = null;
        }

        _tagIndex[tag] = _tags.Count;
        _tags.Add((tag, add));
    }

    public RulePlan Build() => new()
    {
        AddTags = [.. _tags.Where(t => t is { Add: true }).Select(t => t!.Value.Tag)],
        RemoveTags = [.. _tags.Where(t => t is { Add: false }).Select(t => t!.Value.Tag)],
        Priority = Priority,
        TeamId = TeamId,
        AssigneeUserEmail = AssigneeUserEmail,
        CustomFields = CustomFields,
        InternalNotes = Notes,
    };
}
