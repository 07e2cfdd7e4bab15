using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Data;

/// <summary>
/// The app's database: SQLite as the embedded default, SQL Server (Azure SQL) in production, provider-neutral LINQ
/// only. Tenant-owned entities are filtered by the current tenant and guarded on save (see the Tenancy folder).
/// </summary>
public class SaasDbContext(DbContextOptions<SaasDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantActivity> TenantActivities => Set<TenantActivity>();

    public DbSet<DeletionReceipt> DeletionReceipts => Set<DeletionReceipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
        });

        modelBuilder.Entity<DeletionReceipt>(receipt =>
        {
            receipt.HasKey(r => r.Id);
            receipt.Property(r => r.Account).HasMaxLength(63).IsRequired();
            receipt.Property(r => r.Summary).HasMaxLength(2000).IsRequired();
            receipt.HasIndex(r => r.TenantId);
        });
    }
}
