using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>The inbox's table, kept next to the feature; called from <c>SaasDbContext.OnModelCreating</c>.</summary>
internal static class InboxModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<InboxEvent>(inbox =>
        {
            inbox.HasKey(e => e.Id);
            inbox.Property(e => e.DedupeKey).HasMaxLength(InboxDedupeKey.MaxLength).IsRequired();
            inbox.Property(e => e.Payload).IsRequired();
            inbox.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
            inbox.Property(e => e.LastError).HasMaxLength(1000);

            // The same delivery (or ticket state) twice is one row.
            inbox.HasIndex(e => new { e.TenantId, e.DedupeKey }).IsUnique();

            // The claim's per-ticket order check (a tenant's earlier pending rows of the same ticket).
            inbox.HasIndex(e => new { e.TenantId, e.State, e.TicketId, e.Id });

            // The processor's due rows and claim: one tenant's pending rows that are due. Without it SQLite walks
            // every tenant's pending rows through (State, NextAttemptAt), so each claim grew with the whole backlog.
            inbox.HasIndex(e => new { e.TenantId, e.State, e.NextAttemptAt });

            // The sweeper's scan (pending rows of any tenant) and the retention delete (done rows, oldest first).
            inbox.HasIndex(e => new { e.State, e.NextAttemptAt });
            inbox.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
}
