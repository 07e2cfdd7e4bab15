using Saas.Rules.Engine;

namespace Saas.Core.Rules;

/// <summary>A tenant's rules as the live path and dry runs use them: compiled, with the tenant's business hours.</summary>
/// <param name="RuleSetVersion">The <see cref="TenantRuleSettings.RuleSetVersion"/> it was compiled at.</param>
/// <param name="Rules">The compiled set (every stored rule, including shadow and disabled ones, in position order).</param>
/// <param name="BusinessHours">The tenant's business hours.</param>
public sealed record TenantRuleSet(long RuleSetVersion, ICompiledRuleSet Rules, BusinessHours BusinessHours);

/// <summary>
/// The compiled rule set of a tenant, cached per silo and recompiled when the tenant's rule-set stamp changes (so a save
/// on one replica is in force on every replica for the next event). Implemented in the Rules feature.
/// </summary>
public interface ITenantRuleSets
{
    Task<TenantRuleSet> GetAsync(Guid tenantId, CancellationToken cancellationToken);
}
