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
/// Every state change is conditional on still holding the lease. The claim and the round's outcome (the records the
/// handlers staged in the <see cref="InboxRound"/>, done, retries, releases: one atomic piece of work) go through
/// <see cref="InboxWriter.ExecuteAsync"/>, so on SQLite they ride in the intake's group commit instead of taking the
/// single write lock for commits of their own: two commits per round however many rows it has. The round's reads
/// (the candidates, whole, which are the round's rows when the claim takes them all) run on one pooled connection of
/// the processor's context.
/// </summary>
internal sealed partial class InboxProcessor(
    ITenantDbContextFactory contexts,
    IServiceScopeFactory scopes,
    InboxWriter writer,
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

        // Rounds until one claims less than a full batch: everything claimable when it started was then taken. Rows
        // that arrived meanwhile come with their own nudge, so the caller's next pass (after its gathering window)
        // takes them together, instead of one small round after another at the pace of the commits.
        var total = 0;
        while (true)
        {
            var (handled, full) = await RoundAsync(tenantId, cancellationToken);
            total += handled;
            if (!full)
            {
                return total;
            }
        }
    }

    /// <summary>One claim and its rows: how many were handled, and whether the claim took a full batch (more may wait).</summary>
    private async Task<(int Handled, bool Full)> RoundAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);

        // One connection for the round's reads (not one open, pragma and close per query). The round writes nothing
        // on it: its state changes go through the writer (one group commit with the intake's inserts on SQLite).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await RoundAsync(db, tenantId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(int Handled, bool Full)> RoundAsync(Saas.Core.Data.SaasDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var owner = Guid.NewGuid();
        var leaseUntil = now + settings.LeaseDuration;

        // The candidates, whole: when the claim takes them all (the usual case: one processor per tenant) they are the
        // round's rows, with no second read.
        var due = await db.InboxEvents.AsNoTracking()
            .Where(e => e.State == InboxEventState.Pending && e.NextAttemptAt <= now && (e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now))
            .OrderBy(e => e.Id)
            .Take(settings.ClaimBatch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (0, false);
        }

        // The claim: atomic in the database (a conditional UPDATE), so two processors never both hold a row.
        var first = due[0].Id;
        var last = due[^1].Id;
        var claimed = await writer.ExecuteAsync(
            tenantId,
            w => w.InboxEvents
                .Where(e => e.State == InboxEventState.Pending && e.Id >= first && e.Id <= last
                    && e.NextAttemptAt <= now && (e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now)
                    && !w.InboxEvents.Any(o => o.TicketId == e.TicketId && o.State == InboxEventState.Pending && o.Id < e.Id
                        && (o.NextAttemptAt > now || (o.LeaseExpiresAt != null && o.LeaseExpiresAt > now))))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, owner).SetProperty(e => e.LeaseExpiresAt, leaseUntil), CancellationToken.None),
            cancellationToken);
        if (claimed == 0)
        {
            return (0, false);
        }

        var rows = claimed == due.Count
            ? due
            : await db.InboxEvents.AsNoTracking()
                .Where(e => e.LeaseOwner == owner && e.State == InboxEventState.Pending)
                .OrderBy(e => e.Id)
                .ToListAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<TenantContext>().Begin(tenantId);
        var round = scope.ServiceProvider.GetRequiredService<InboxRound>();
        round.Begin([.. rows.Select(r => new InboxItem(r.Id, tenantId, r.TicketId, r.TicketUpdatedAt, r.Payload, r.Attempts + 1, r.ReceivedAt))]);
        var handlers = scope.ServiceProvider.GetServices<IInboxEventHandler>().ToList();
        var failedTickets = new HashSet<long>();
        var done = new List<InboxEvent>();
        var failures = new List<Failure>();
        var released = new List<long>();
        var handled = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (failedTickets.Contains(row.TicketId))
            {
                released.Add(row.Id);
                continue;
            }

            var item = round.Items[i];
            string? failure = null;
            round.Handling(row.Id);
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
            finally
            {
                round.Handled();
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
                var dead = item.Attempt >= settings.MaxAttempts;
                failures.Add(new Failure(row, item.Attempt, failure, dead, dead ? at : at + settings.RetryDelay(item.Attempt)));
            }
        }

        await FinishAsync(tenantId, owner, round, done, failures, released);
        return (handled, due.Count == settings.ClaimBatch);
    }

    /// <summary>A row whose handler failed: its next state.</summary>
    private sealed record Failure(InboxEvent Row, int Attempt, string Reason, bool Dead, DateTimeOffset NextAttemptAt);

    /// <summary>
    /// The round's outcome in one piece of work (one commit on SQLite, shared with whatever else is queued; atomic): the
    /// records the handlers staged for the successful rows still leased to this round saved, those rows done (one
    /// statement per attempt count), each failure retried or dead-lettered, the later rows of failed tickets released
    /// unprocessed. Only rows still leased to this round change.
    /// </summary>
    private async Task FinishAsync(Guid tenantId, Guid owner, InboxRound round, List<InboxEvent> done, List<Failure> failures, List<long> released)
    {
        if (done.Count == 0 && failures.Count == 0 && released.Count == 0)
        {
            return;
        }

        var at = clock.GetUtcNow();
        var lost = await writer.ExecuteAsync(tenantId, async w =>
        {
            var lost = 0;
            var doneIds = done.Select(r => r.Id).ToList();
            if (doneIds.Count > 0 && !round.IsEmpty)
            {
                // A row whose lease lapsed may be another processor's now: its records are not ours to store.
                var held = (await w.InboxEvents.Where(e => doneIds.Contains(e.Id) && e.LeaseOwner == owner).Select(e => e.Id).ToListAsync(CancellationToken.None)).ToHashSet();
                var records = round.For(held);
                if (records.Count > 0)
                {
                    foreach (var (entity, added) in records)
                    {
                        if (added)
                        {
                            w.Add(entity);
                        }
                        else
                        {
                            w.Update(entity);
                        }
                    }

                    await w.SaveChangesAsync(CancellationToken.None);
                }
            }

            foreach (var group in done.GroupBy(r => r.Attempts + 1))
            {
                var ids = group.Select(r => r.Id).ToList();
                var attempt = group.Key;
                var updated = await w.InboxEvents.Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.State, InboxEventState.Done).SetProperty(e => e.ProcessedAt, at)
                            .SetProperty(e => e.Attempts, attempt).SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null),
                        CancellationToken.None);
                lost += ids.Count - updated;
            }

            foreach (var failure in failures)
            {
                var id = failure.Row.Id;
                var updated = await w.InboxEvents.Where(e => e.Id == id && e.LeaseOwner == owner)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.State, failure.Dead ? InboxEventState.DeadLetter : InboxEventState.Pending)
                            .SetProperty(e => e.Attempts, failure.Attempt).SetProperty(e => e.LastError, failure.Reason).SetProperty(e => e.NextAttemptAt, failure.NextAttemptAt)
                            .SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null),
                        CancellationToken.None);
                lost += 1 - updated;
            }

            if (released.Count > 0)
            {
                await w.InboxEvents.Where(e => released.Contains(e.Id) && e.LeaseOwner == owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, (Guid?)null).SetProperty(e => e.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
            }

            return lost;
        });

        foreach (var failure in failures)
        {
            if (failure.Dead)
            {
                LogDeadLetter(tenantId, failure.Row.Id, failure.Row.TicketId, failure.Attempt, failure.Reason);
            }
            else
            {
                LogRetry(tenantId, failure.Row.Id, failure.Row.TicketId, failure.Attempt, failure.NextAttemptAt, failure.Reason);
            }
        }

        if (lost > 0)
        {
            LogLeaseLost(tenantId, lost);
        }
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
