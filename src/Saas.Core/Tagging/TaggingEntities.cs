using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Tagging;

/// <summary>How a rule run ended.</summary>
public enum RuleRunOutcome
{
    /// <summary>No enabled rule matched (shadow rules may have).</summary>
    NoMatch,

    /// <summary>Rules matched and the ticket already was as they want: nothing written.</summary>
    NothingToChange,

    /// <summary>The needed writes were made.</summary>
    Applied,

    /// <summary>Our own writes coming back as a <c>ticket-updated</c> event: not evaluated again.</summary>
    Echo,

    /// <summary>The ticket was deleted meanwhile (404): recorded, nothing else.</summary>
    TicketGone,

    /// <summary>Gorgias refused a write (4xx other than 404/429): recorded with the reason; the tenant carries on.</summary>
    WriteRejected,

    /// <summary>A dry run (nothing written).</summary>
    DryRun,

    /// <summary>The loop guard's hard stop: too many rounds of writes on this ticket in the window; nothing written.</summary>
    RoundCapReached,
}

/// <summary>
/// One evaluation of a tenant's rules on one ticket event: which rule versions ran, the explain trace, the writes and
/// the outcome. What "why was this tagged?" reads.
/// </summary>
public sealed class RuleRun : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long TicketId { get; set; }

    /// <summary>The inbox row processed (null for a dry run).</summary>
    public long? InboxEventId { get; set; }

    /// <summary>The derived trigger (<c>ticket_created</c>, <c>customer_message_added</c>, <c>ticket_updated</c>).</summary>
    public required string Trigger { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>JSON list of <c>{"rule_id":…,"version":…}</c> of every rule in the set evaluated.</summary>
    public required string RuleVersions { get; set; }

    /// <summary>
    /// The explain trace as JSON: <c>{"plan": …, "shadow_plan": …, "writes_needed": …, "entries": [the engine's trace
    /// entries]}</c> (see <see cref="RuleRunJson"/>); <c>{}</c> when the rules were not evaluated (an echo).
    /// </summary>
    public required string Trace { get; set; }

    /// <summary>JSON list of the writes made (method, path, what), empty when none.</summary>
    public required string Writes { get; set; }

    public RuleRunOutcome Outcome { get; set; }

    /// <summary>The reason of a rejected write or a problem, for the merchant and support (never a secret).</summary>
    public string? Detail { get; set; }

    /// <summary>From the inbox row's receipt to the end of the run (after the last write), in milliseconds.</summary>
    public double? LatencyMs { get; set; }
}

/// <summary>
/// What the live path remembers per ticket: enough to derive the trigger of the next event (first sighting, a new
/// customer message) and to recognise our own writes coming back (the loop guard).
/// </summary>
public sealed class TaggedTicket : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long TicketId { get; set; }

    /// <summary>The last inbox row handled for this ticket.</summary>
    public long LastInboxEventId { get; set; }

    /// <summary>The message count seen last (a higher one with a customer message last = customer message added).</summary>
    public int MessageCount { get; set; }

    /// <summary>The id of the latest customer message seen.</summary>
    public long? LastCustomerMessageId { get; set; }

    /// <summary>A fingerprint of the ticket state our last writes produced (tags, priority, assignees, fields); an event whose state matches it, with no new message, is our echo.</summary>
    public string? AppliedFingerprint { get; set; }

    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>Write rounds in the current window (a hard stop against a rule loop we did not foresee).</summary>
    public int RoundsInWindow { get; set; }

    public DateTimeOffset? WindowStartedAt { get; set; }
}

/// <summary>The tagging tables, kept next to the feature; called from <c>SaasDbContext.OnModelCreating</c>.</summary>
internal static class TaggingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RuleRun>(run =>
        {
            run.HasKey(r => r.Id);
            run.Property(r => r.Trigger).HasMaxLength(40).IsRequired();
            run.Property(r => r.RuleVersions).IsRequired();
            run.Property(r => r.Trace).IsRequired();
            run.Property(r => r.Writes).IsRequired();
            run.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
            run.Property(r => r.Detail).HasMaxLength(1000);
            run.HasIndex(r => new { r.TenantId, r.TicketId, r.At });
            run.HasIndex(r => new { r.TenantId, r.At });
            run.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TaggedTicket>(ticket =>
        {
            ticket.HasKey(t => new { t.TenantId, t.TicketId });
            ticket.Property(t => t.AppliedFingerprint).HasMaxLength(100);
            ticket.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
