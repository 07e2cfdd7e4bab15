using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;
using Saas.Rules.Definitions;

namespace Saas.Core.Rules;

/// <summary>
/// A tenant's rule: its place in the order and its current version. The definition itself lives in
/// <see cref="RuleVersion"/> rows (every save is a new version; an earlier one can be restored, which saves it again as
/// the newest). <see cref="Name"/> and <see cref="State"/> mirror the current version for listing and filtering.
/// </summary>
public sealed class Rule : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>0-based place in the evaluation order; unique per tenant after every change.</summary>
    public int Position { get; set; }

    /// <summary>The version in force (the highest <see cref="RuleVersion.Version"/>).</summary>
    public int CurrentVersion { get; set; }

    public required string Name { get; set; }

    public RuleState State { get; set; }

    /// <summary>The starter pack rule this one came from (e.g. <c>order-status</c>), null for the merchant's own.</summary>
    public string? StarterKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One saved version of a rule: the full definition as JSON (<see cref="RuleJson"/>), immutable.</summary>
public sealed class RuleVersion : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid RuleId { get; set; }

    /// <summary>1, 2, 3... per rule.</summary>
    public int Version { get; set; }

    /// <summary>The <see cref="RuleDefinition"/> as <see cref="RuleJson"/>.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who saved it (an admin's email, <c>starter-pack</c>, <c>restore of v3</c>...), for the history.</summary>
    public string? CreatedBy { get; set; }
}

/// <summary>
/// Per-tenant settings of the rules: business hours (time zone + week, JSON) and a stamp bumped by every change to any
/// rule, so every silo's compiled-rule cache knows when to recompile (one cheap read per event).
/// </summary>
public sealed class TenantRuleSettings : ITenantOwned
{
    /// <summary>The tenant (also the key).</summary>
    public Guid TenantId { get; set; }

    /// <summary>Bumped by every create, update, reorder, state change, restore or delete.</summary>
    public long RuleSetVersion { get; set; }

    /// <summary>IANA or Windows time zone id; null = UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The week as JSON (<c>{"monday":[["09:00","17:00"]],...}</c>); null = Monday–Friday 09:00–17:00.</summary>
    public string? BusinessHours { get; set; }

    /// <summary>When the starter pack was installed (null: not yet; it is installed once, and removable).</summary>
    public DateTimeOffset? StarterPackInstalledAt { get; set; }
}

/// <summary>The rules' tables, kept next to the feature; called from <c>SaasDbContext.OnModelCreating</c>.</summary>
internal static class RulesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Rule>(rule =>
        {
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Name).HasMaxLength(200).IsRequired();
            rule.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            rule.Property(r => r.StarterKey).HasMaxLength(60);
            rule.HasIndex(r => new { r.TenantId, r.Position });
            rule.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RuleVersion>(version =>
        {
            version.HasKey(v => v.Id);
            version.Property(v => v.Definition).IsRequired();
            version.Property(v => v.CreatedBy).HasMaxLength(200);
            version.HasIndex(v => new { v.RuleId, v.Version }).IsUnique();
            version.HasIndex(v => v.TenantId);
            version.HasOne<Rule>().WithMany().HasForeignKey(v => v.RuleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TenantRuleSettings>(settings =>
        {
            settings.HasKey(s => s.TenantId);
            settings.Property(s => s.TimeZone).HasMaxLength(100);
            settings.Property(s => s.BusinessHours).HasMaxLength(4000);
            settings.Property(s => s.RuleSetVersion).IsConcurrencyToken();
            settings.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
