namespace Saas.Core.WebhookHealth;

/// <summary>What one check of a tenant's webhook found and did.</summary>
public enum WebhookIntegrationStatus
{
    /// <summary>The integration exists, is active, and points at the current URL with the current secret and triggers.</summary>
    Healthy,

    /// <summary>It was gone (deleted, or never saved): a new one was created with a new secret.</summary>
    Recreated,

    /// <summary>It was deactivated (repeated delivery failures): re-enabled, perhaps updated too.</summary>
    Reactivated,

    /// <summary>Its URL, triggers, body or secret were wrong: updated (a new secret when the secret was wrong).</summary>
    Updated,

    /// <summary>The tenant is not active (installing, paused, disconnected, purged) or unknown: nothing was done.</summary>
    Skipped,
}

/// <summary>
/// The outcome of one check of a tenant, for tests, logs and the support console: the integration's status, how
/// many events were read, how many tickets were fetched and how many of them became new inbox rows.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record WebhookHealthReport(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] WebhookIntegrationStatus Integration,
    [property: Id(2)] int EventsRead,
    [property: Id(3)] int TicketsFetched,
    [property: Id(4)] int RowsAdded,
    [property: Id(5)] DateTimeOffset? Watermark,
    [property: Id(6)] string Summary);
