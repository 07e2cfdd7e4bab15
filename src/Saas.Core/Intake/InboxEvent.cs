using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>Where an inbox row is in its life.</summary>
public enum InboxEventState
{
    /// <summary>Waiting to be processed (now, or at <see cref="InboxEvent.NextAttemptAt"/> after a failure).</summary>
    Pending,

    /// <summary>Every handler succeeded.</summary>
    Done,

    /// <summary>Failed <see cref="IntakeOptions.MaxAttempts"/> times; kept with its reason for support, retryable.</summary>
    DeadLetter,
}

/// <summary>
/// One accepted webhook delivery (a ticket's state at one moment), durable before Gorgias gets its 2xx, then processed
/// by the tenant's worker. Tenant-owned, so the tenant filter and save guard apply. <see cref="DedupeKey"/> is unique
/// per tenant: the same delivery twice, or the same ticket state fetched later by a gap-fill, is one row.
/// </summary>
public sealed class InboxEvent : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>See <see cref="InboxDedupeKey"/>: <c>ticket:{id}:{updated ticks}</c>, else <c>sha256:{body hash}</c>.</summary>
    public required string DedupeKey { get; set; }

    /// <summary>The ticket the event is about (order is kept per ticket).</summary>
    public long TicketId { get; set; }

    /// <summary>The ticket's <c>updated_datetime</c> when the body had one.</summary>
    public DateTimeOffset? TicketUpdatedAt { get; set; }

    /// <summary>The body as received (the ticket JSON). Never logged.</summary>
    public required string Payload { get; set; }

    public InboxEventState State { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the row may be (re)tried: <see cref="ReceivedAt"/> at first, later after each failure's back-off.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>How many times processing was tried and failed (or is being tried).</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed (exception type and message), for support.</summary>
    public string? LastError { get; set; }

    /// <summary>The processor round that holds the row; null when free.</summary>
    public Guid? LeaseOwner { get; set; }

    /// <summary>When the lease lapses (a processor that died): the row is free again after it.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
}
