using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Core.Rules;

/// <summary>
/// <see cref="ITenantRuleSets"/>: one cheap read of the tenant's stamp per call; the rules are loaded and compiled
/// again only when it moved (a save on any replica bumps it). A tenant with no settings row has no rules.
/// </summary>
internal sealed class TenantRuleSets(ITenantDbContextFactory contexts, IRuleCompiler compiler) : ITenantRuleSets
{
    private readonly ConcurrentDictionary<Guid, TenantRuleSet> _cache = new();

    public async Task<TenantRuleSet> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var settings = await db.TenantRuleSettings.AsNoTracking()
            .Where(s => s.TenantId == tenantId)
            .Select(s => new { s.RuleSetVersion, s.TimeZone, s.BusinessHours })
            .FirstOrDefaultAsync(cancellationToken);
        var stamp = settings?.RuleSetVersion ?? 0;
        if (_cache.TryGetValue(tenantId, out var cached) && cached.RuleSetVersion == stamp)
        {
            return cached;
        }

        var rows = await db.Rules.AsNoTracking()
            .Join(db.RuleVersions.AsNoTracking(), r => new { RuleId = r.Id, Version = r.CurrentVersion }, v => new { v.RuleId, v.Version }, (r, v) => new { r.Id, r.Position, v.Version, v.Definition })
            .ToListAsync(cancellationToken);
        var specs = rows.OrderBy(r => r.Position).Select(r => new RuleSpec(r.Id, r.Version, r.Position, RuleJson.Deserialize(r.Definition))).ToList();
        var hours = BusinessHoursJson.Parse(settings?.TimeZone, settings?.BusinessHours);
        var set = new TenantRuleSet(stamp, compiler.Compile(specs), hours);
        _cache[tenantId] = set;
        return set;
    }
}
