using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Data;

/// <summary>
/// The app's database: SQLite as the embedded default, SQL Server (Azure SQL) in production, provider-neutral LINQ
/// only. Every <see cref="ITenantOwned"/> entity is filtered by the current tenant (the named query filter
/// <see cref="TenantQueryFilter.Name"/>) and guarded on save (<see cref="TenantMismatchException"/>); see the Tenancy
/// folder and docs/data.md.
/// </summary>
public class SaasDbContext : DbContext
{
    private readonly ITenantContext _tenant;

    /// <summary>The context of the current DI scope's tenant (how <c>AddSaasData</c> creates it).</summary>
    public SaasDbContext(DbContextOptions<SaasDbContext> options, ITenantContext tenant) : base(options) =>
        _tenant = tenant ?? throw new ArgumentNullException(nameof(tenant));

    /// <summary>
    /// A context with no tenant, for tools and tests: tenant-owned queries return nothing and tenant-owned saves throw;
    /// <see cref="Tenants"/> and <see cref="DeletionReceipts"/> work as usual.
    /// </summary>
    public SaasDbContext(DbContextOptions<SaasDbContext> options) : this(options, new TenantContext())
    {
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantActivity> TenantActivities => Set<TenantActivity>();

    public DbSet<DeletionReceipt> DeletionReceipts => Set<DeletionReceipt>();

    /// <summary>Accepted webhook deliveries waiting for, or done with, processing (see docs/intake.md).</summary>
    public DbSet<Saas.Core.Intake.InboxEvent> InboxEvents => Set<Saas.Core.Intake.InboxEvent>();

    /// <summary>Per-tenant state of the webhook self-healing (see docs/webhook-health.md).</summary>
    public DbSet<Saas.Core.WebhookHealth.WebhookHealthState> WebhookHealthStates => Set<Saas.Core.WebhookHealth.WebhookHealthState>();

    /// <summary>A tenant's rules (see docs/rules.md).</summary>
    public DbSet<Saas.Core.Rules.Rule> Rules => Set<Saas.Core.Rules.Rule>();

    /// <summary>Every saved version of every rule.</summary>
    public DbSet<Saas.Core.Rules.RuleVersion> RuleVersions => Set<Saas.Core.Rules.RuleVersion>();

    /// <summary>Per-tenant rule settings (business hours, rule-set stamp).</summary>
    public DbSet<Saas.Core.Rules.TenantRuleSettings> TenantRuleSettings => Set<Saas.Core.Rules.TenantRuleSettings>();

    /// <summary>Rule runs: one per evaluated ticket event (see docs/tagging.md).</summary>
    public DbSet<Saas.Core.Tagging.RuleRun> RuleRuns => Set<Saas.Core.Tagging.RuleRun>();

    /// <summary>Per-ticket state of the live tagging path (trigger derivation, loop guard).</summary>
    public DbSet<Saas.Core.Tagging.TaggedTicket> TaggedTickets => Set<Saas.Core.Tagging.TaggedTicket>();

    /// <summary>The tenant this context reads and writes for; read per query by the tenant filter.</summary>
    internal Guid? CurrentTenantId => _tenant.TenantId;

    /// <summary>The tenant context this context was made with.</summary>
    internal ITenantContext TenantContext => _tenant;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantSaveGuard.Check(ChangeTracker, _tenant);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantSaveGuard.Check(ChangeTracker, _tenant);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.HasKey(t => t.Id);
            tenant.Property(t => t.Account).HasMaxLength(63).IsRequired();
            tenant.HasIndex(t => t.Account).IsUnique();
            tenant.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            tenant.Property(t => t.InstalledBy).HasMaxLength(100);
            tenant.Property(t => t.GrantedScopes).HasMaxLength(1000);
            tenant.Property(t => t.DisconnectReason).HasMaxLength(500);
            tenant.Property(t => t.WebhookSecretHash).HasMaxLength(32);
            tenant.Property(t => t.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<TenantActivity>(activity =>
        {
            activity.HasKey(a => a.Id);
            activity.Property(a => a.Kind).HasMaxLength(40).IsRequired();
            activity.Property(a => a.Message).HasMaxLength(1000).IsRequired();
            activity.HasIndex(a => new { a.TenantId, a.At });
            activity.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DeletionReceipt>(receipt =>
        {
            receipt.HasKey(r => r.Id);
            receipt.Property(r => r.Account).HasMaxLength(63).IsRequired();
            receipt.Property(r => r.Summary).HasMaxLength(2000).IsRequired();
            receipt.HasIndex(r => r.TenantId);
        });

        Saas.Core.Intake.InboxModel.Configure(modelBuilder);
        Saas.Core.WebhookHealth.WebhookHealthModel.Configure(modelBuilder);
        Saas.Core.Rules.RulesModel.Configure(modelBuilder);
        Saas.Core.Tagging.TaggingModel.Configure(modelBuilder);

        // Last, so it sees every entity type configured above.
        TenantQueryFilter.ApplyToTenantOwnedEntities(modelBuilder, this, nameof(CurrentTenantId));
    }
}
