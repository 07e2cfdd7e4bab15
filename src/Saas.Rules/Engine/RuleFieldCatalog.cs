using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>How a condition field is read and compared.</summary>
internal enum FieldKind
{
    /// <summary>Free text: subject and message bodies.</summary>
    Text,

    /// <summary>A short text value (channel, email, status…): the same operators as text.</summary>
    ShortText,

    Tags,
    Count,
    Boolean,
}

/// <summary>Which operators each field takes and what operand each operator needs: the single place validation and compilation read.</summary>
internal static class RuleFieldCatalog
{
    private static readonly string[] TextOperators =
    [
        RuleOperators.ContainsAny, RuleOperators.ContainsAll, RuleOperators.Matches, RuleOperators.EqualsTo,
        RuleOperators.OneOf, RuleOperators.StartsWith, RuleOperators.IsEmpty,
    ];

    private static readonly string[] TagOperators = [RuleOperators.OneOf, RuleOperators.ContainsAll, RuleOperators.IsEmpty];
    private static readonly string[] CountOperators = [RuleOperators.EqualsTo, RuleOperators.AtLeast, RuleOperators.AtMost];
    private static readonly string[] BooleanOperators = [RuleOperators.EqualsTo];

    public static FieldKind? KindOf(string? field) => field switch
    {
        RuleFields.Subject or RuleFields.LastCustomerMessage or RuleFields.AnyMessage => FieldKind.Text,
        RuleFields.Channel or RuleFields.Via or RuleFields.Language or RuleFields.CustomerEmail or RuleFields.CustomerEmailDomain
            or RuleFields.Status or RuleFields.Priority or RuleFields.AssigneeUser or RuleFields.AssigneeTeam => FieldKind.ShortText,
        RuleFields.Tags => FieldKind.Tags,
        RuleFields.MessageCount => FieldKind.Count,
        RuleFields.InBusinessHours => FieldKind.Boolean,
        _ => null,
    };

    public static IReadOnlyList<string> OperatorsFor(FieldKind kind) => kind switch
    {
        FieldKind.Text or FieldKind.ShortText => TextOperators,
        FieldKind.Tags => TagOperators,
        FieldKind.Count => CountOperators,
        _ => BooleanOperators,
    };

    /// <summary>Operators whose operand is the list <see cref="RuleCondition.Values"/>.</summary>
    public static bool TakesValues(string op) => op is RuleOperators.ContainsAny or RuleOperators.ContainsAll or RuleOperators.OneOf;

    /// <summary>Operators that take no operand.</summary>
    public static bool TakesNothing(string op) => op is RuleOperators.IsEmpty;

    /// <summary>Operators whose list terms are phrases (folded, whole words, trailing <c>*</c> = prefix).</summary>
    public static bool TakesPhrases(FieldKind kind, string op) =>
        kind is FieldKind.Text or FieldKind.ShortText && op is RuleOperators.ContainsAny or RuleOperators.ContainsAll;

    public const int MaxTerms = 500;
    public const int MaxTermLength = 200;
    public const int MaxNameLength = 200;
    public const int MaxDepth = 10;
    public const int MaxPatternLength = 1000;
    public const int MaxTagLength = 200;
    public const int MaxNoteLength = 10_000;

    public static IReadOnlyList<string> Priorities { get; } = ["low", "normal", "high", "critical"];
}
