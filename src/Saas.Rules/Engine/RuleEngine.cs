using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>
/// A tenant's rule set compiled once per version into fast matchers (phrase automata over normalised text, regexes with
/// a match timeout), evaluated in position order. Thread-safe and immutable: cache it per tenant and rule-set version.
/// </summary>
public interface ICompiledRuleSet
{
    /// <summary>The rules it was compiled from, in evaluation order.</summary>
    IReadOnlyList<RuleSpec> Rules { get; }

    /// <summary>Evaluates every rule in order on the ticket (text normalised once), producing plan and trace.</summary>
    RuleEvaluationResult Evaluate(TicketSnapshot ticket, RuleEvaluationContext context);
}

/// <summary>
/// What the tenant's account has, for the checks a definition alone cannot make (an unknown team, a custom field that
/// doesn't exist). Null members mean "not known here, skip the check".
/// </summary>
public sealed record RuleValidationContext(IReadOnlySet<long>? TeamIds = null, IReadOnlySet<long>? CustomFieldIds = null);

/// <summary>Compiles and validates rules; a singleton.</summary>
public interface IRuleCompiler
{
    /// <summary>Every problem of a definition, with its path; empty when valid. Compiles regexes to check them.</summary>
    IReadOnlyList<RuleValidationError> Validate(RuleDefinition definition, RuleValidationContext? context = null);

    /// <summary>Compiles valid rules (throws <see cref="ArgumentException"/> for an invalid one).</summary>
    ICompiledRuleSet Compile(IEnumerable<RuleSpec> rules);
}
