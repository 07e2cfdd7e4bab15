using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Saas.Core.Intake;

/// <summary>
/// The dispatcher for running without Orleans (registered with TryAdd; the tenant grain replaces it): a nudge puts
/// the tenant in a queue once (a tenant already queued is not queued twice), and a background loop runs
/// <see cref="ITenantInboxProcessor.ProcessPendingAsync"/> for queued tenants, at most
/// <see cref="Concurrency"/> tenants at a time and never two runs for one tenant at once; a nudge that arrives
/// while its tenant runs queues one more run afterwards (for rows the running claim did not see).
/// </summary>
internal sealed partial class LocalInboxDispatcher(ITenantInboxProcessor processor, ILogger<LocalInboxDispatcher> logger) : BackgroundService, IInboxDispatcher
{
    public const int Concurrency = 2;

    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly Dictionary<Guid, TenantRun> _tenants = [];
    private readonly Lock _lock = new();

    public ValueTask DispatchAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_tenants.TryGetValue(tenantId, out var run))
            {
                // Queued already, or running: one more run afterwards.
                run.Again = run.Running;
                return ValueTask.CompletedTask;
            }

            _tenants[tenantId] = new TenantRun();
        }

        _queue.Writer.TryWrite(tenantId);
        return ValueTask.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var tenantId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(tenantId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(Guid tenantId, CancellationToken stoppingToken)
    {
        while (true)
        {
            lock (_lock)
            {
                var run = _tenants[tenantId];
                run.Running = true;
                run.Again = false;
            }

            try
            {
                await processor.ProcessPendingAsync(tenantId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // The rows stay pending; the sweeper dispatches the tenant again.
                LogFailed(tenantId, InboxWriter.Describe(e));
            }

            lock (_lock)
            {
                if (!_tenants[tenantId].Again)
                {
                    _tenants.Remove(tenantId);
                    return;
                }
            }
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Processing the inbox of tenant {TenantId} failed ({Error}); the sweeper retries")]
    private partial void LogFailed(Guid tenantId, string error);

    private sealed class TenantRun
    {
        public bool Running { get; set; }

        public bool Again { get; set; }
    }
}
