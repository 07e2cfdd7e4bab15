using Microsoft.EntityFrameworkCore;
using Saas.Core.Data;
using Saas.Rules.Definitions;
using Saas.Rules.StarterPack;

namespace Saas.Core.Rules;

/// <summary>
/// Adds the starter pack's rules to a tenant's context (not saved: the caller saves, so the install of a new tenant and
/// its starter rules are one save). Every rule gets its <see cref="Rule.StarterKey"/>, version 1 by
/// <see cref="CreatedBy"/>, and goes after the tenant's existing rules in the pack's order.
/// </summary>
public static class StarterPackInstaller
{
    /// <summary>The <see cref="RuleVersion.CreatedBy"/> of a starter rule's first version.</summary>
    public const string CreatedBy = "starter-pack";

    /// <summary>
    /// At install: adds the pack when the tenant never had it (no <see cref="TenantRuleSettings.StarterPackInstalledAt"/>),
    /// so a reinstall does not bring back rules the merchant removed. The context must be the tenant's (filtered).
    /// Returns the number of rules added (0 when it was installed before).
    /// </summary>
    public static async Task<int> AddIfNeverInstalledAsync(SaasDbContext db, Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.TenantRuleSettings.FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        if (settings?.StarterPackInstalledAt is not null)
        {
            return 0;
        }

        if (settings is null)
        {
            settings = new TenantRuleSettings { TenantId = tenantId };
            db.TenantRuleSettings.Add(settings);
        }

        var result = await AddMissingAsync(db, tenantId, settings, now, CreatedBy, cancellationToken);
        settings.RuleSetVersion++;
        return result.Added.Count;
    }

    /// <summary>Adds the pack's rules whose keys the tenant has no rule for; marks the pack installed. Does not bump the stamp.</summary>
    internal static async Task<StarterPackInstallResult> AddMissingAsync(
        SaasDbContext db, Guid tenantId, TenantRuleSettings settings, DateTimeOffset now, string createdBy, CancellationToken cancellationToken)
    {
        var present = await db.Rules.Where(r => r.StarterKey != null).Select(r => r.StarterKey!).ToListAsync(cancellationToken);
        var position = await db.Rules.CountAsync(cancellationToken);
        var added = new List<string>();
        var skipped = new List<string>();
        foreach (var starter in StarterPack.Rules)
        {
            if (present.Contains(starter.Key, StringComparer.Ordinal))
            {
                skipped.Add(starter.Key);
                continue;
            }

            var rule = new Rule
            {
                Id = Guid.NewGuid(),
                TenantId = tenantId,
                Position = position++,
                CurrentVersion = 1,
                Name = starter.Definition.Name,
                State = starter.Definition.State,
                StarterKey = starter.Key,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Rules.Add(rule);
            db.RuleVersions.Add(new RuleVersion
            {
                TenantId = tenantId,
                RuleId = rule.Id,
                Version = 1,
                Definition = RuleJson.Serialize(starter.Definition),
                CreatedAt = now,
                CreatedBy = createdBy,
            });
            added.Add(starter.Key);
        }

        settings.StarterPackInstalledAt ??= now;
        return new StarterPackInstallResult(added, skipped);
    }
}
