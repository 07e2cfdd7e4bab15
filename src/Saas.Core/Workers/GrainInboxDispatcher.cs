using Saas.Core.Intake;

namespace Saas.Core.Workers;

/// <summary>
/// Nudges the tenant grain (a one-way call: the intake answers Gorgias without waiting for the processing). A nudge
/// lost with a silo is not a lost event: the rows are durable and the sweeper nudges again.
/// </summary>
internal sealed class GrainInboxDispatcher(IGrainFactory grains) : IInboxDispatcher
{
    public ValueTask DispatchAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask(grains.GetGrain<ITenantGrain>(tenantId).NotifyInboxAsync());
    }
}
