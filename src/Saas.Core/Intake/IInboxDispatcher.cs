namespace Saas.Core.Intake;

/// <summary>
/// Tells a tenant's worker that its inbox has new rows. A nudge, not a delivery: the rows are durable already, and
/// the sweeper re-dispatches any that a lost nudge leaves behind. In the app the tenant grain receives it.
/// </summary>
public interface IInboxDispatcher
{
    ValueTask DispatchAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Processes a tenant's pending inbox rows, in order per ticket, marking each done, retried later or dead-lettered.
/// The tenant grain calls it (one turn at a time per tenant, so never concurrently for one tenant in the cluster).
/// </summary>
public interface ITenantInboxProcessor
{
    /// <summary>Processes what is pending now; the number of rows handled.</summary>
    Task<int> ProcessPendingAsync(Guid tenantId, CancellationToken cancellationToken);
}
