using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Saas.Core.Install;
using Saas.Core.Tenancy;

namespace Saas.Core.WebhookHealth;

/// <summary>
/// The webhook check of one tenant (key: the tenant id). Not reentrant: one check of a tenant at a time in the
/// whole cluster, whoever asks (the schedule, support, a test).
/// </summary>
public interface IWebhookHealthGrain : IGrainWithGuidKey
{
    /// <summary>Runs one check now and says what it found and did.</summary>
    Task<WebhookHealthReport> CheckAsync();

    /// <summary>The schedule's fire-and-forget form: a check runs, its failure is logged.</summary>
    [OneWay]
    Task CheckInBackgroundAsync();
}

/// <summary>
/// The cluster's one webhook-health schedule (key 0): an Orleans reminder (in memory in the embedded default, in SQL
/// Server with several replicas, so exactly one silo runs each tick) that fans out to every active tenant's
/// <see cref="IWebhookHealthGrain"/>.
/// </summary>
public interface IWebhookHealthSchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or re-registers with the configured period) the reminder. Idempotent; called at start-up.</summary>
    Task EnsureScheduledAsync();

    /// <summary>Removes the reminder (scheduling turned off).</summary>
    Task UnscheduleAsync();

    /// <summary>Asks every active tenant's grain for a check now (one-way); returns how many were asked.</summary>
    Task<int> CheckAllAsync();
}

internal sealed partial class WebhookHealthGrain(IServiceScopeFactory scopes, ILogger<WebhookHealthGrain> logger) : Grain, IWebhookHealthGrain
{
    public async Task<WebhookHealthReport> CheckAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookHealthChecker>().CheckAsync(this.GetPrimaryKey(), CancellationToken.None);
    }

    public async Task CheckInBackgroundAsync()
    {
        try
        {
            await CheckAsync();
        }
        catch (TenantDisconnectedException)
        {
            LogDisconnected(this.GetPrimaryKey());
        }
        catch (Exception e)
        {
            // Everything is retried at the next tick (the watermark only moves after a complete check).
            LogFailed(this.GetPrimaryKey(), e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Webhook check of tenant {TenantId} skipped: the tenant was disconnected")]
    private partial void LogDisconnected(Guid tenantId);

    [LoggerMessage(2, LogLevel.Warning, "Webhook check of tenant {TenantId} failed ({Error}: {Message}); retried at the next interval")]
    private partial void LogFailed(Guid tenantId, string error, string message);
}

internal sealed partial class WebhookHealthSchedulerGrain(
    ITenantDbContextFactory contexts,
    IOptions<WebhookHealthOptions> options,
    ILogger<WebhookHealthSchedulerGrain> logger) : Grain, IWebhookHealthSchedulerGrain, IRemindable
{
    public const string ReminderName = "webhook-health";

    public async Task EnsureScheduledAsync()
    {
        // Register or update: a changed interval takes effect at the next start (the first tick is one period later).
        var period = options.Value.Interval;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        LogScheduled(period);
    }

    public async Task UnscheduleAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            LogTick(await CheckAllAsync());
        }
    }

    public async Task<int> CheckAllAsync()
    {
        List<Guid> active;
        await using (var db = contexts.CreateForSystem("webhook health: list the active tenants to check"))
        {
            active = await db.Tenants.AsNoTracking().Where(t => t.State == TenantState.Active).Select(t => t.Id).ToListAsync();
        }

        foreach (var tenantId in active)
        {
            await GrainFactory.GetGrain<IWebhookHealthGrain>(tenantId).CheckInBackgroundAsync();
        }

        return active.Count;
    }

    [LoggerMessage(1, LogLevel.Information, "Webhook health checks scheduled every {Period}")]
    private partial void LogScheduled(TimeSpan period);

    [LoggerMessage(2, LogLevel.Debug, "Webhook health tick: {Count} active tenants asked for a check")]
    private partial void LogTick(int count);
}
