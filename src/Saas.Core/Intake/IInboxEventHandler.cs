using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Saas.Core.Intake;

/// <summary>What a handler gets: one inbox row of one tenant, a ticket's state as Gorgias sent it.</summary>
/// <param name="Id">The inbox row.</param>
/// <param name="TenantId">The tenant whose row it is (handlers work in its scope).</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="TicketUpdatedAt">The ticket's <c>updated_datetime</c> when the body had one.</param>
/// <param name="Payload">The body as received (the ticket JSON); never log it.</param>
/// <param name="Attempt">1 for the first try, 2 after one failure...</param>
/// <param name="ReceivedAt">When the intake stored the row (null when unknown).</param>
public sealed record InboxItem(long Id, Guid TenantId, long TicketId, DateTimeOffset? TicketUpdatedAt, string Payload, int Attempt, DateTimeOffset? ReceivedAt = null);

/// <summary>
/// Does the work of an inbox row (the tagging rules plug in here). Every registered handler runs for every row, in
/// registration order; a row is done when all succeed, and retried (from the first handler) when one throws, so a
/// handler must be idempotent. Rows of one ticket reach handlers in the order they were received.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It handles inbox events; not a .NET event handler delegate, and the name is the contract other issues build on.")]
public interface IInboxEventHandler
{
    Task HandleAsync(InboxItem item, CancellationToken cancellationToken);
}

/// <summary>
/// The default handler until the rules exist: records that the event was seen (a debug log line and the
/// <c>saas.inbox.events_seen</c> counter), nothing else.
/// </summary>
internal sealed partial class SeenInboxEventHandler(ILogger<SeenInboxEventHandler> logger, IMeterFactory meters) : IInboxEventHandler
{
    private readonly Counter<long> _seen = meters.Create("Saas.Intake").CreateCounter<long>("saas.inbox.events_seen", description: "Inbox rows seen by the default handler");

    public Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        _seen.Add(1);
        LogSeen(item.TenantId, item.Id, item.TicketId, item.Attempt);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Debug, "Inbox row {RowId} of tenant {TenantId} (ticket {TicketId}, attempt {Attempt}) seen")]
    private partial void LogSeen(Guid tenantId, long rowId, long ticketId, int attempt);
}
