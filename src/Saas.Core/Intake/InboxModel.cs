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

            // The processor's reads, one tenant's pending rows in arrival order: the claim's candidates (the first due
            // ones, no sort) and its per-ticket order check (an earlier pending row of the same ticket, read from the
            // index alone). One index for both: an insert lands in one leaf page per tenant-led index, and those pages
            // are most of what each group commit writes to the WAL (two such indexes cost the intake a fifth of its
            // throughput).
            inbox.HasIndex(e => new { e.TenantId, e.State, e.Id, e.TicketId });

            // The sweeper's scan (pending rows of any tenant) and the retention delete (done rows, oldest first).
            inbox.HasIndex(e => new { e.State, e.NextAttemptAt });
            inbox.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
}
