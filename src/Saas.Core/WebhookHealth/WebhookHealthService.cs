using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saas.Core.WebhookHealth;

/// <summary>
/// The webhook self-healing as the rest of the app sees it (tests, the support console): run one tenant's check
/// now, or every active tenant's, through the grains, so a check asked for here never overlaps a scheduled one.
/// </summary>
public sealed class WebhookHealth(IGrainFactory grains)
{
    /// <summary>Checks <paramref name="tenantId"/> now (waits for a check already under way first) and reports.</summary>
    public Task<WebhookHealthReport> CheckNowAsync(Guid tenantId) =>
        grains.GetGrain<IWebhookHealthGrain>(tenantId).CheckAsync();

    /// <summary>Asks every active tenant for a check now (in the background); returns how many were asked.</summary>
    public Task<int> CheckAllNowAsync() => grains.GetGrain<IWebhookHealthSchedulerGrain>(0).CheckAllAsync();
}

/// <summary>
/// Registers the cluster's reminder once the silo runs (every replica does it; the call is idempotent), or removes it
/// when <see cref="WebhookHealthOptions.Enabled"/> is false. A failure is logged, never stops the app: the next
/// start tries again.
/// </summary>
internal sealed partial class WebhookHealthStartup(IGrainFactory grains, IOptions<WebhookHealthOptions> options, ILogger<WebhookHealthStartup> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var scheduler = grains.GetGrain<IWebhookHealthSchedulerGrain>(0);
        try
        {
            if (options.Value.Enabled)
            {
                await scheduler.EnsureScheduledAsync().WaitAsync(cancellationToken);
            }
            else
            {
                await scheduler.UnscheduleAsync().WaitAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e.GetType().Name, e.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Error, "Could not schedule the webhook health checks ({Error}: {Message})")]
    private partial void LogFailed(string error, string message);
}
