using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.WebhookHealth;

/// <summary>
/// What the self-healing remembers per tenant: how far the account's event log was read (durable, so a restart or
/// another silo continues from there) and the last check's outcome for support.
/// </summary>
public sealed class WebhookHealthState : ITenantOwned
{
    /// <summary>The tenant (also the key: one row per tenant).</summary>
    public Guid TenantId { get; set; }

    /// <summary>The creation time of the last event read (Gorgias' clock); the next check reads from here minus the lookback.</summary>
    public DateTimeOffset? EventsWatermark { get; set; }

    public DateTimeOffset? LastCheckedAt { get; set; }

    /// <summary>The last check's outcome in words (never a secret).</summary>
    public string? LastOutcome { get; set; }
}

/// <summary>The table, kept next to the feature; called from <c>SaasDbContext.OnModelCreating</c>.</summary>
internal static class WebhookHealthModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<WebhookHealthState>(state =>
        {
            state.HasKey(s => s.TenantId);
            state.Property(s => s.LastOutcome).HasMaxLength(1000);
            state.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
}
