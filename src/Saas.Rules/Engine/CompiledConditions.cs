using System.Text.RegularExpressions;

namespace Saas.Rules.Engine;

/// <summary>A node of a compiled condition tree; evaluating it yields its trace (result included).</summary>
internal abstract class CompiledCondition(string path)
{
    public string Path { get; } = path;

    public abstract ConditionTrace Evaluate(EvaluationState state);
}

/// <summary><c>all</c>: true when every child is; stops at the first false child.</summary>
internal sealed class AllCondition(string path, CompiledCondition[] children) : CompiledCondition(path)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var traces = new List<ConditionTrace>(children.Length);
        foreach (var child in children)
        {
            var trace = child.Evaluate(state);
            traces.Add(trace);
            if (!trace.Result)
            {
                return new ConditionTrace(Path, null, null, false, [], traces);
            }
        }

        return new ConditionTrace(Path, null, null, true, [], traces);
    }
}

/// <summary><c>any</c>: true when one child is; stops at the first true child.</summary>
internal sealed class AnyCondition(string path, CompiledCondition[] children) : CompiledCondition(path)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var traces = new List<ConditionTrace>(children.Length);
        foreach (var child in children)
        {
            var trace = child.Evaluate(state);
            traces.Add(trace);
            if (trace.Result)
            {
                return new ConditionTrace(Path, null, null, true, [], traces);
            }
        }

        return new ConditionTrace(Path, null, null, false, [], traces);
    }
}

/// <summary><c>not</c>: the negation of its child.</summary>
internal sealed class NotCondition(string path, CompiledCondition child) : CompiledCondition(path)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var trace = child.Evaluate(state);
        return new ConditionTrace(Path, null, null, !trace.Result, [], [trace]);
    }
}

/// <summary>A leaf: one field, one operator.</summary>
internal abstract class LeafCondition(string path, string field, string op) : CompiledCondition(path)
{
    public string Field { get; } = field;

    public string Op { get; } = op;

    protected ConditionTrace Trace(bool result, IReadOnlyList<TermMatch> matches, string? note = null) =>
        new(Path, Field, Op, result, matches, [], note);
}

/// <summary>
/// <c>contains_any</c>/<c>contains_all</c> over a text field: the terms were compiled into the rule set's one phrase
/// matcher; this leaf only looks up which of its terms the (cached) scan of each source found. For a field made of
/// several texts (<c>any_message</c>), <c>contains_all</c> holds when every term appears somewhere among them.
/// </summary>
internal sealed class PhraseCondition : LeafCondition
{
    private readonly TextField _text;
    private readonly bool _all;
    private readonly int[] _termIds; // distinct matcher term ids of this condition
    private readonly string[] _terms; // the configured spelling of each (the first configured term folding to it)

    public PhraseCondition(string path, string field, string op, TextField text, bool all, string[] terms, int[] termIds)
        : base(path, field, op)
    {
        _text = text;
        _all = all;
        var ids = new List<int>();
        var spellings = new List<string>();
        for (var i = 0; i < termIds.Length; i++)
        {
            if (!ids.Contains(termIds[i]))
            {
                ids.Add(termIds[i]);
                spellings.Add(terms[i]);
            }
        }

        _termIds = [.. ids];
        _terms = [.. spellings];
    }

    public override ConditionTrace Evaluate(EvaluationState state)
    {
        List<TermMatch>? matches = null;
        ulong foundMask = 0; // for contains_all over up to 64 terms; larger lists use the set
        HashSet<int>? found = null;
        var sources = state.SourceCount(_text);
        for (var k = 0; k < sources; k++)
        {
            var (source, where) = state.Source(_text, k);
            var hits = state.Hits(source);
            if (hits.Count == 0)
            {
                continue;
            }

            for (var slot = 0; slot < _termIds.Length; slot++)
            {
                var id = _termIds[slot];
                if (!hits.Has(id))
                {
                    continue;
                }

                (matches ??= []).Add(new TermMatch(_terms[slot], where, hits.OriginalOf(id)));
                if (slot < 64)
                {
                    foundMask |= 1UL << slot;
                }
                else
                {
                    (found ??= []).Add(slot);
                }
            }
        }

        bool result;
        if (!_all)
        {
            result = matches is not null;
        }
        else
        {
            var distinct = System.Numerics.BitOperations.PopCount(foundMask) + (found?.Count ?? 0);
            result = distinct == _termIds.Length;
        }

        return Trace(result, matches ?? (IReadOnlyList<TermMatch>)[]);
    }
}

/// <summary>
/// <c>matches</c>: a .NET regular expression on the ORIGINAL text of each source (not folded: a pattern sees accents
/// and punctuation as written, case-insensitively). A match timeout makes the condition false, with a note in the trace.
/// </summary>
internal sealed class RegexCondition(string path, string field, string op, TextField text, Regex regex, string pattern) : LeafCondition(path, field, op)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var sources = state.SourceCount(text);
        for (var k = 0; k < sources; k++)
        {
            var (source, where) = state.Source(text, k);
            var raw = state.Raw(source);
            try
            {
                var match = regex.Match(raw);
                if (match.Success)
                {
                    return Trace(true, [new TermMatch(pattern, where, match.Value)]);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return Trace(false, [], $"The regular expression timed out after {regex.MatchTimeout.TotalMilliseconds:0} ms on {where}; the condition counts as not matching.");
            }
        }

        return Trace(false, []);
    }
}

/// <summary><c>equals</c>/<c>one_of</c>/<c>starts_with</c> on a text field, compared folded (case and accents ignored); true when any source of the field satisfies it.</summary>
internal sealed class TextCompareCondition(string path, string field, string op, TextField text, string[] terms, string[] folded, bool prefix)
    : LeafCondition(path, field, op)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var sources = state.SourceCount(text);
        for (var k = 0; k < sources; k++)
        {
            var (source, where) = state.Source(text, k);
            var value = state.Folded(source).Folded;
            for (var i = 0; i < folded.Length; i++)
            {
                var hit = prefix ? value.StartsWith(folded[i], StringComparison.Ordinal) : string.Equals(value, folded[i], StringComparison.Ordinal);
                if (hit)
                {
                    return Trace(true, [new TermMatch(terms[i], where, state.Raw(source))]);
                }
            }
        }

        return Trace(false, []);
    }
}

/// <summary><c>is_empty</c> on a text field: every source folds to nothing (absent, blank or only punctuation).</summary>
internal sealed class TextEmptyCondition(string path, string field, string op, TextField text) : LeafCondition(path, field, op)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var sources = state.SourceCount(text);
        for (var k = 0; k < sources; k++)
        {
            if (state.Folded(state.Source(text, k).Source).Folded.Length > 0)
            {
                return Trace(false, []);
            }
        }

        return Trace(true, []);
    }
}

/// <summary>Tags: <c>one_of</c> = has any of the tags, <c>contains_all</c> = has all of them, <c>is_empty</c> = has none (compared folded).</summary>
internal sealed class TagsCondition(string path, string field, string op, string[] terms, string[] folded, bool all, bool empty)
    : LeafCondition(path, field, op)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var tags = state.FoldedTags;
        if (empty)
        {
            return Trace(tags.Count == 0, []);
        }

        List<TermMatch>? matches = null;
        var missing = false;
        for (var i = 0; i < folded.Length; i++)
        {
            if (tags.Contains(folded[i]))
            {
                var original = state.Ticket.Tags.FirstOrDefault(t => TextFolding.Fold(t) == folded[i]) ?? terms[i];
                (matches ??= []).Add(new TermMatch(terms[i], Field, original));
            }
            else
            {
                missing = true;
            }
        }

        var result = all ? !missing : matches is not null;
        return Trace(result, matches ?? (IReadOnlyList<TermMatch>)[]);
    }
}

/// <summary><c>message_count</c> <c>equals</c>/<c>at_least</c>/<c>at_most</c> a number.</summary>
internal sealed class CountCondition(string path, string field, string op, long value) : LeafCondition(path, field, op)
{
    private static readonly string[] CountNotes = [.. Enumerable.Range(0, 64).Select(n => $"message_count is {n}.")];

    public override ConditionTrace Evaluate(EvaluationState state)
    {
        var count = state.Ticket.MessageCount;
        var result = Op switch
        {
            Definitions.RuleOperators.AtLeast => count >= value,
            Definitions.RuleOperators.AtMost => count <= value,
            _ => count == value,
        };
        return Trace(result, [], (uint)count < (uint)CountNotes.Length ? CountNotes[count] : $"message_count is {count}.");
    }
}

/// <summary><c>in_business_hours</c> <c>equals</c> true/false: the ticket's creation time against the tenant's hours; no creation time = false.</summary>
internal sealed class BusinessHoursCondition(string path, string field, string op, bool expected) : LeafCondition(path, field, op)
{
    public override ConditionTrace Evaluate(EvaluationState state)
    {
        if (state.Ticket.CreatedAt is not { } created)
        {
            return Trace(false, [], "The ticket has no creation time, so business hours cannot be decided; the condition counts as not matching.");
        }

        var inside = state.InBusinessHours(created);
        return Trace(inside == expected, [], inside ? "Created inside business hours." : "Created outside business hours.");
    }
}
