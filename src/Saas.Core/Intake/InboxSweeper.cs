using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>
/// Every <see cref="IntakeOptions.SweepInterval"/> (on the app's <see cref="TimeProvider"/>), dispatches each active
/// tenant that has a pending row nobody is working on: never tried and older than
/// <see cref="IntakeOptions.StaleAfter"/> (its nudge was lost: a crash between insert and dispatch), due for a retry,
/// or whose lease expired (its processor died). The dispatcher and the processor's claim make an extra nudge harmless.
/// Then it deletes done rows older than <see cref="IntakeOptions.DoneRetention"/>, in batches of
/// <see cref="IntakeOptions.RetentionBatch"/> (each its own short turn of the writer, so intake commits go between).
/// </summary>
internal sealed partial class InboxSweeper(
    ITenantDbContextFactory contexts,
    InboxWriter writer,
    IInboxDispatcher dispatcher,
    IOptions<IntakeOptions> options,
    TimeProvider clock,
    ILogger<InboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweeperEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                    await DeleteExpiredAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSweepFailed(InboxWriter.Describe(e));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; the tenants dispatched.</summary>
    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staleBefore = now - options.Value.StaleAfter;
        List<Guid> tenants;
        await using (var db = contexts.CreateForSystem("inbox sweeper: find tenants with pending rows left behind"))
        {
            tenants = await db.InboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking()
                .Where(e => e.State == InboxEventState.Pending
                    && (e.LeaseExpiresAt == null
                        ? (e.Attempts == 0 ? e.NextAttemptAt <= staleBefore : e.NextAttemptAt <= now)
                        : e.LeaseExpiresAt <= now))
                .Where(e => db.Tenants.Any(t => t.Id == e.TenantId && (t.State == TenantState.Active || t.State == TenantState.Paused)))
                .Select(e => e.TenantId)
                .Distinct()
                .ToListAsync(cancellationToken);
        }

        foreach (var tenantId in tenants)
        {
            try
            {
                await dispatcher.DispatchAsync(tenantId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDispatchFailed(tenantId, e.GetType().Name);
            }
        }

        if (tenants.Count > 0)
        {
            LogSwept(tenants.Count);
        }

        return tenants;
    }

    /// <summary>Deletes done rows older than the retention, batch by batch until none is left; the rows deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = clock.GetUtcNow() - settings.DoneRetention;
        var batch = settings.RetentionBatch;
        var total = 0;
        while (true)
        {
            var deleted = await writer.ExecuteForSystemAsync(
                "inbox retention: delete processed rows of every tenant",
                w =>
                {
                    var rows = w.InboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]);
                    var expired = rows.Where(o => o.State == InboxEventState.Done && o.ProcessedAt < cutoff).Select(o => o.Id).Take(batch);
                    return rows.Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(CancellationToken.None);
                },
                cancellationToken);
            total += deleted;
            if (deleted < batch)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogDeleted(total, settings.DoneRetention);
        }

        return total;
    }

    [LoggerMessage(4, LogLevel.Information, "Inbox retention deleted {Count} processed row(s) older than {Retention}")]
    private partial void LogDeleted(int count, TimeSpan retention);

    [LoggerMessage(1, LogLevel.Information, "Inbox sweeper dispatched {Count} tenant(s) with rows left pending")]
    private partial void LogSwept(int count);

    [LoggerMessage(2, LogLevel.Error, "Inbox sweep failed ({Error}); next sweep retries")]
    private partial void LogSweepFailed(string error);

    [LoggerMessage(3, LogLevel.Warning, "Inbox sweeper could not dispatch tenant {TenantId} ({Error})")]
    private partial void LogDispatchFailed(Guid tenantId, string error);
}
