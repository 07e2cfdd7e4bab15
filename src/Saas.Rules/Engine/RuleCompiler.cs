using System.Globalization;
using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>
/// The engine (see docs/rules-engine.md): validates definitions (every problem with its path) and compiles rule sets
/// into a <see cref="CompiledRuleSet"/>: rules ordered by position, every phrase list of the whole set in one
/// word-anchored trie over folded text, regexes built once (non-backtracking where possible, else with a match
/// timeout), note templates parsed once. A singleton: it holds no per-tenant state.
/// </summary>
public sealed class RuleCompiler : IRuleCompiler
{
    /// <summary>The default match timeout of backtracking regexes.</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(50);

    private readonly RegexFactory _regexes;
    private readonly RuleValidator _validator;

    public RuleCompiler()
        : this(DefaultRegexTimeout)
    {
    }

    /// <summary>A compiler whose regexes use <paramref name="regexTimeout"/> as their match timeout.</summary>
    public RuleCompiler(TimeSpan regexTimeout)
    {
        if (regexTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(regexTimeout), regexTimeout, "The regex match timeout must be positive.");
        }

        _regexes = new RegexFactory(regexTimeout);
        _validator = new RuleValidator(_regexes);
    }

    public IReadOnlyList<RuleValidationError> Validate(RuleDefinition definition, RuleValidationContext? context = null) =>
        _validator.Validate(definition, context);

    public ICompiledRuleSet Compile(IEnumerable<RuleSpec> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ordered = rules.OrderBy(r => r.Position).ToList();
        foreach (var rule in ordered)
        {
            var errors = _validator.Validate(rule.Definition, null);
            if (errors.Count > 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Rule {rule.RuleId} v{rule.Version} ('{rule.Definition?.Name}') is invalid: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))}"),
                    nameof(rules));
            }
        }

        var builder = new Builder(_regexes);
        var compiled = ordered.Select(builder.CompileRule).ToArray();
        return new CompiledRuleSet(ordered, compiled, PhraseMatcher.Build(builder.Terms), builder.Terms.Count);
    }

    /// <summary>One compilation: interns the phrases of every rule into one term table for the shared matcher.</summary>
    private sealed class Builder(RegexFactory regexes)
    {
        private readonly Dictionary<(string, bool), int> _termIds = [];

        public List<(string Folded, bool Prefix)> Terms { get; } = [];

        public CompiledRule CompileRule(RuleSpec spec)
        {
            var definition = spec.Definition;
            var condition = definition.When is null ? null : CompileNode(definition.When, "when");
            var notes = definition.Actions
                .Select(a => a.Type == RuleActionTypes.AddInternalNote ? NoteTemplate.Parse(a.Note!, out _) : null)
                .ToArray();
            return new CompiledRule(spec, condition, notes);
        }

        private CompiledCondition CompileNode(RuleCondition node, string path)
        {
            if (node.All is { } all)
            {
                return new AllCondition(path + ".all", [.. all.Select((c, i) => CompileNode(c, Index(path + ".all", i)))]);
            }

            if (node.Any is { } any)
            {
                return new AnyCondition(path + ".any", [.. any.Select((c, i) => CompileNode(c, Index(path + ".any", i)))]);
            }

            if (node.Not is { } not)
            {
                return new NotCondition(path + ".not", CompileNode(not, path + ".not"));
            }

            return CompileLeaf(node, path);
        }

        private LeafCondition CompileLeaf(RuleCondition leaf, string path)
        {
            var field = leaf.Field!;
            var op = leaf.Op!;
            var kind = RuleFieldCatalog.KindOf(field)!.Value;
            switch (kind)
            {
                case FieldKind.Tags:
                    var tagTerms = leaf.Values?.ToArray() ?? [];
                    return new TagsCondition(path, field, op, tagTerms, [.. tagTerms.Select(TextFolding.Fold)],
                        all: op == RuleOperators.ContainsAll, empty: op == RuleOperators.IsEmpty);
                case FieldKind.Count:
                    return new CountCondition(path, field, op, leaf.Value!.Value.GetInt64());
                case FieldKind.Boolean:
                    return new BusinessHoursCondition(path, field, op, leaf.Value!.Value.GetBoolean());
            }

            var text = EvaluationState.ToTextField(field);
            switch (op)
            {
                case RuleOperators.ContainsAny or RuleOperators.ContainsAll:
                    var terms = leaf.Values!.ToArray();
                    return new PhraseCondition(path, field, op, text, op == RuleOperators.ContainsAll, terms, [.. terms.Select(Intern)]);
                case RuleOperators.Matches:
                    var pattern = leaf.Value!.Value.GetString()!;
                    return new RegexCondition(path, field, op, text, regexes.Create(pattern), pattern);
                case RuleOperators.IsEmpty:
                    return new TextEmptyCondition(path, field, op, text);
                case RuleOperators.OneOf:
                    var values = leaf.Values!.ToArray();
                    return new TextCompareCondition(path, field, op, text, values, [.. values.Select(TextFolding.Fold)], prefix: false);
                default: // equals, starts_with
                    var value = leaf.Value!.Value.GetString()!;
                    return new TextCompareCondition(path, field, op, text, [value], [TextFolding.Fold(value)], prefix: op == RuleOperators.StartsWith);
            }
        }

        private int Intern(string term)
        {
            var trimmed = term.Trim();
            var prefix = trimmed.EndsWith('*');
            var key = (TextFolding.Fold(prefix ? trimmed[..^1] : trimmed), prefix);
            if (!_termIds.TryGetValue(key, out var id))
            {
                id = Terms.Count;
                Terms.Add(key);
                _termIds[key] = id;
            }

            return id;
        }

        private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
    }
}
