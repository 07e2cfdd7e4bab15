using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>
/// Processes a tenant's pending inbox rows through the <see cref="IInboxEventHandler"/>s. Each round claims rows with
/// one conditional <c>UPDATE</c> (a lease: a fresh owner id and an expiry), which is atomic in the database, so two
/// processors (two silos, or a grain and a sweeper-started run) can never both hold a row: a row is handled once
/// unless its lease lapses mid-work. A row is claimable when it is due (<see cref="InboxEvent.NextAttemptAt"/>), not
/// leased (or its lease expired), and no earlier pending row of the same ticket is waiting for a retry or leased
/// elsewhere: rows of a ticket are handled in the order they arrived. Done → <see cref="InboxEventState.Done"/>;
/// failure → attempts + 1, the reason, a back-off (<see cref="IntakeOptions.RetryDelay"/>), or
/// <see cref="InboxEventState.DeadLetter"/> after <see cref="IntakeOptions.MaxAttempts"/>; later rows of that ticket
/// are released unprocessed and wait. A dead letter does not hold its ticket's later rows back (support decides).
/// Every state change is conditional on still holding the lease.
/// </summary>
internal sealed partial class InboxProcessor(
    ITenantDbContextFactory contexts,
    IServiceScopeFactory scopes,
    InboxWriteGate gate,
    IOptions<IntakeOptions> options,
    TimeProvider clock,
    ILogger<InboxProcessor> logger) : ITenantInboxProcessor
{
    public async Task<int> ProcessPendingAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using (var db = contexts.CreateForTenant(tenantId))
        {
            var state = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => (TenantState?)t.State).FirstOrDefaultAsync(cancellationToken);
            if (state is null or TenantState.Disconnected or TenantState.Purged)
            {
                LogTenantGone(tenantId, state);
                return 0;
            }
        }

        var total = 0;
        while (await RoundAsync(tenantId, cancellationToken) is var handled && handled >= 0)
        {
            total += handled;
        }

        return total;
    }

    /// <summary>One claim and its rows; -1 when nothing could be claimed.</summary>
    private async Task<int> RoundAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        if (!db.Database.IsSqlite())
        {
            return await RoundAsync(db, tenantId, cancellationToken);
        }

        // One connection for the whole round (not one open, pragma and close per statement), and the round's commits
        // without their own fsync (synchronous = NORMAL in WAL mode): a claim or a mark-done lost to a power cut only
        // means the row is claimed again once its lease lapses (the same as a crash mid-round), the database stays
        // consistent, and the next intake commit (synchronous = FULL) syncs the WAL with these commits in it anyway.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        long previous;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "PRAGMA synchronous;";
            previous = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            await SetSynchronousAsync(connection, 1);
            return await RoundAsync(db, tenantId, cancellationToken);
        }
        finally
        {
            // The connection goes back to the pool as it came.
            await SetSynchronousAsync(connection, previous);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task SetSynchronousAsync(System.Data.Common.DbConnection connection, long level)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA synchronous = {level};");
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task<int> RoundAsync(Saas.Core.Data.SaasDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var owner = Guid.NewGuid();
        var leaseUntil = now + settings.LeaseDuration;

        var due = await db.InboxEvents.AsNoTracking()
            .Where(e => e.State == InboxEventState.Pending && e.NextAttemptAt <= now && (e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .Take(settings.ClaimBatch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return -1;
        }

        var first = due[0];
        var last = due[^1];
        int claimed;
        using (await gate.EnterAsync(cancellationToken))
        {
            claimed = await db.InboxEvents
                .Where(e => e.State == InboxEventState.Pending && e.Id >= first && e.Id <= last
                    && e.NextAttemptAt <= now && (e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now)
                    && !db.InboxEvents.Any(o => o.TicketId == e.TicketId && o.State == InboxEventState.Pending && o.Id < e.Id
                        && (o.NextAttemptAt > now || (o.LeaseExpiresAt != null && o.LeaseExpiresAt > now))))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, owner).SetProperty(e => e.LeaseExpiresAt, leaseUntil), cancellationToken);
        }

        if (claimed == 0)
        {
            return -1;
        }

        var rows = await db.InboxEvents.AsNoTracking()
            .Where(e => e.LeaseOwner == owner && e.State == InboxEventState.Pending)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<TenantContext>().Begin(tenantId);
        var handlers = scope.ServiceProvider.GetServices<IInboxEventHandler>().ToList();
        var failedTickets = new HashSet<long>();
        var done = new List<InboxEvent>();
        var handled = 0;
        foreach (var row in rows)
        {
            if (failedTickets.Contains(row.TicketId))
            {
                await ReleaseAsync(db, row.Id, owner, cancellationToken);
                continue;
            }

            var attempt = row.Attempts + 1;
            var item = new InboxItem(row.Id, tenantId, row.TicketId, row.TicketUpdatedAt, row.Payload, attempt);
            string? failure = null;
            try
            {
                foreach (var handler in handlers)
                {
                    await handler.HandleAsync(item, cancellationToken);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = Reason(e);
            }

            handled++;
            if (failure is null)
            {
                done.Add(row);
            }
            else
            {
                var at = clock.GetUtcNow();
                failedTickets.Add(row.TicketId);
                var dead = attempt >= settings.MaxAttempts;
                var next = dead ? at : at + settings.RetryDelay(attempt);
                using var turn = await gate.EnterAsync(CancellationToken.None);
                var updated = await db.InboxEvents.Where(e => e.Id == row.Id && e.LeaseOwner == owner)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.State, dead ? InboxEventState.DeadLetter : InboxEventState.Pending)
                            .SetProperty(e => e.Attempts, attempt).SetProperty(e => e.LastError, failure).SetProperty(e => e.NextAttemptAt, next)
                            .SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null),
                        CancellationToken.None);
                if (dead)
                {
                    LogDeadLetter(tenantId, row.Id, row.TicketId, attempt, failure);
                }
                else
                {
                    LogRetry(tenantId, row.Id, row.TicketId, attempt, next, failure);
                }

                if (updated == 0)
                {
                    LogLeaseLost(tenantId, 1);
                }
            }
        }

        await MarkDoneAsync(db, tenantId, owner, done);
        return handled;
    }

    /// <summary>
    /// Marks the round's successful rows done in one statement (one commit per round, not per row: SQLite has one
    /// writer), each with its attempt count; only rows still leased to this round change.
    /// </summary>
    private async Task MarkDoneAsync(Saas.Core.Data.SaasDbContext db, Guid tenantId, Guid owner, List<InboxEvent> done)
    {
        if (done.Count == 0)
        {
            return;
        }

        var at = clock.GetUtcNow();
        foreach (var group in done.GroupBy(r => r.Attempts + 1))
        {
            var ids = group.Select(r => r.Id).ToList();
            var attempt = group.Key;
            using var turn = await gate.EnterAsync(CancellationToken.None);
            var updated = await db.InboxEvents.Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.State, InboxEventState.Done).SetProperty(e => e.ProcessedAt, at)
                        .SetProperty(e => e.Attempts, attempt).SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null),
                    CancellationToken.None);
            if (updated < ids.Count)
            {
                LogLeaseLost(tenantId, ids.Count - updated);
            }
        }
    }

    private async Task<int> ReleaseAsync(Saas.Core.Data.SaasDbContext db, long id, Guid owner, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        return await db.InboxEvents.Where(e => e.Id == id && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>The failure for support: exception type and message, at most 1000 characters.</summary>
    internal static string Reason(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    [LoggerMessage(1, LogLevel.Warning, "Inbox row {RowId} of tenant {TenantId} (ticket {TicketId}) failed attempt {Attempt}, retried at {NextAttemptAt:O}: {Reason}")]
    private partial void LogRetry(Guid tenantId, long rowId, long ticketId, int attempt, DateTimeOffset nextAttemptAt, string reason);

    [LoggerMessage(2, LogLevel.Error, "Inbox row {RowId} of tenant {TenantId} (ticket {TicketId}) dead-lettered after {Attempt} attempts: {Reason}")]
    private partial void LogDeadLetter(Guid tenantId, long rowId, long ticketId, int attempt, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Inbox of tenant {TenantId}: the lease of {Count} row(s) lapsed before they were finished (they may be handled again)")]
    private partial void LogLeaseLost(Guid tenantId, long count);

    [LoggerMessage(4, LogLevel.Information, "Inbox of tenant {TenantId} not processed: the tenant is {State}")]
    private partial void LogTenantGone(Guid tenantId, TenantState? state);
}
