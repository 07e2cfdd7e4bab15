using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>A dead-lettered row as support sees it (no payload: it holds customer content).</summary>
public sealed record InboxDeadLetter(long Id, long TicketId, DateTimeOffset ReceivedAt, int Attempts, string? LastError, DateTimeOffset FailedAt);

/// <summary>How many of a tenant's inbox rows are in each state.</summary>
public sealed record InboxCounts(int Pending, int Done, int DeadLetter);

/// <summary>
/// Support's view of a tenant's inbox: the counts, the dead letters with their reasons, and a retry that puts a dead
/// letter back to pending (attempts reset) and nudges the tenant's worker. Tenant-scoped (the tenant filter applies).
/// </summary>
public sealed class InboxSupport
{
    private readonly ITenantDbContextFactory _contexts;
    private readonly IInboxDispatcher _dispatcher;
    private readonly TimeProvider _clock;

    internal InboxSupport(ITenantDbContextFactory contexts, IInboxDispatcher dispatcher, TimeProvider clock)
    {
        _contexts = contexts;
        _dispatcher = dispatcher;
        _clock = clock;
    }

    public async Task<InboxCounts> CountsAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var db = _contexts.CreateForTenant(tenantId);
        var counts = await db.InboxEvents.AsNoTracking().GroupBy(e => e.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(InboxEventState state) => counts.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
        return new InboxCounts(Of(InboxEventState.Pending), Of(InboxEventState.Done), Of(InboxEventState.DeadLetter));
    }

    /// <summary>The tenant's dead letters, oldest first.</summary>
    public async Task<IReadOnlyList<InboxDeadLetter>> ListDeadLettersAsync(Guid tenantId, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = _contexts.CreateForTenant(tenantId);
        return await db.InboxEvents.AsNoTracking()
            .Where(e => e.State == InboxEventState.DeadLetter)
            .OrderBy(e => e.Id)
            .Take(limit)
            .Select(e => new InboxDeadLetter(e.Id, e.TicketId, e.ReceivedAt, e.Attempts, e.LastError, e.NextAttemptAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Puts a dead letter back to pending with its attempts reset; false when the tenant has no such dead letter.</summary>
    public async Task<bool> RetryAsync(Guid tenantId, long id, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        int updated;
        await using (var db = _contexts.CreateForTenant(tenantId))
        {
            updated = await db.InboxEvents.Where(e => e.Id == id && e.State == InboxEventState.DeadLetter)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.State, InboxEventState.Pending).SetProperty(e => e.Attempts, 0).SetProperty(e => e.NextAttemptAt, now)
                        .SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null),
                    cancellationToken);
        }

        if (updated == 0)
        {
            return false;
        }

        await _dispatcher.DispatchAsync(tenantId, cancellationToken);
        return true;
    }
}
