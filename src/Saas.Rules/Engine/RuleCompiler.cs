using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>The engine (see docs/rules.md): validation and compilation of rule definitions.</summary>
public sealed class RuleCompiler : IRuleCompiler
{
    public IReadOnlyList<RuleValidationError> Validate(RuleDefinition definition, RuleValidationContext? context = null) =>
        throw new NotImplementedException("The engine is being built (issue 5).");

    public ICompiledRuleSet Compile(IEnumerable<RuleSpec> rules) =>
        throw new NotImplementedException("The engine is being built (issue 5).");
}
