using Gorgias.Sandbox.Control;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Webhooks;

/// <summary>One trigger to deliver to one integration: the integration's templates and the context, both captured when it fired.</summary>
internal sealed record PendingDelivery(
    long Id,
    AccountState Account,
    IntegrationSnapshot Integration,
    string Trigger,
    long TicketId,
    byte[] Context);

/// <summary>
/// Delivers HTTP integrations (Gorgias webhooks). A ticket trigger (raised under the account lock) captures the
/// context and queues one delivery per active integration listening to it; a background loop hands each to the
/// integration's own worker, so a slow or failing receiver only holds back its own integration, and each
/// integration receives its deliveries in trigger order. A delivery is sent at least once: failures (non-2xx,
/// timeout, connection error) are retried with exponential back-off and jitter up to
/// <see cref="WebhookOptions.MaxAttempts"/>; every failed request counts towards
/// <see cref="WebhookOptions.DisableAfterConsecutiveFailures"/>, after which the integration is deactivated; a success
/// resets the count. Every attempt lands in the account's delivery log. The account's webhook faults apply.
/// </summary>
internal sealed partial class WebhookDispatcher(
    SandboxStore store,
    IHttpClientFactory httpClients,
    IOptionsMonitor<SandboxOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService, ITicketTriggerSink
{
    public const string HttpClientName = "Gorgias.Sandbox.Webhooks";
    public const string UserAgent = "Gorgias-Sandbox-Webhooks/1.0";

    /// <summary>How long a reorder batch waits for more deliveries before it is sent as it is.</summary>
    internal static readonly TimeSpan ReorderIdleFlush = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private readonly Channel<PendingDelivery> _queue = Channel.CreateUnbounded<PendingDelivery>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    /// <summary>Only touched by the routing loop.</summary>
    private readonly Dictionary<(AccountState Account, long IntegrationId), IntegrationWorker> _workers = [];

    private long _deliveryIds;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.TriggerSink = this;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        if (ReferenceEquals(store.TriggerSink, this))
        {
            store.TriggerSink = new NoTicketTriggers();
        }

        return base.StopAsync(cancellationToken);
    }

    /// <summary>Called under the account lock: snapshots what the deliveries need and queues them.</summary>
    public void OnTicketTrigger(AccountState account, string trigger, Ticket ticket, Message? message)
    {
        List<IntegrationSnapshot>? targets = null;
        foreach (var integration in account.Integrations.All)
        {
            if (integration.DeactivatedDatetime is null && integration.Triggers.TryGetValue(trigger, out var on) && on)
            {
                (targets ??= []).Add(IntegrationSnapshot.Of(integration));
            }
        }

        if (targets is null)
        {
            return;
        }

        var context = GorgiasJson.Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("ticket");
            Shapes.WriteTicketContext(w, account, ticket);
            if (message is not null)
            {
                w.WritePropertyName("message");
                Shapes.WriteMessage(w, account, message);
            }

            w.WriteEndObject();
        });
        foreach (var target in targets.OrderBy(t => t.Id))
        {
            _queue.Writer.TryWrite(new PendingDelivery(NextId(), account, target, trigger, ticket.Id, context));
        }
    }

    private long NextId() => Interlocked.Increment(ref _deliveryIds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var key = (delivery.Account, delivery.Integration.Id);
                if (!_workers.TryGetValue(key, out var worker) || !worker.TryEnqueue(delivery))
                {
                    foreach (var closed in _workers.Where(w => w.Value.Closed).Select(w => w.Key).ToList())
                    {
                        _workers.Remove(closed);
                    }

                    worker = new IntegrationWorker(this, delivery.Account, delivery.Integration.Id);
                    _workers[key] = worker;
                    worker.TryEnqueue(delivery);
                    _ = Task.Run(() => worker.RunAsync(stoppingToken), CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private enum IntegrationState
    {
        Active,
        Deactivated,
        Deleted,
    }

    private IntegrationState StateOf(AccountState account, long integrationId)
    {
        if (!ReferenceEquals(store.Find(account.Domain), account))
        {
            return IntegrationState.Deleted;
        }

        lock (account.Sync)
        {
            return account.Integrations.Find(integrationId) switch
            {
                null => IntegrationState.Deleted,
                { DeactivatedDatetime: not null } => IntegrationState.Deactivated,
                _ => IntegrationState.Active,
            };
        }
    }

    /// <summary>Delivers one trigger to one integration (with its faults and retries).</summary>
    private async Task DeliverAsync(PendingDelivery delivery, string? batchFault, CancellationToken cancellationToken)
    {
        var request = WebhookRequestBuilder.Build(delivery.Integration, TemplateContext.Parse(delivery.Context));
        if (!CheckActive(delivery, request, attempt: 1, batchFault))
        {
            return;
        }

        var faults = delivery.Account.Faults;
        bool drop, duplicate;
        TimeSpan delay;
        lock (faults.Sync)
        {
            drop = faults.WebhookDropRate > 0 && faults.Random.NextDouble() < faults.WebhookDropRate;
            duplicate = !drop && faults.WebhookDuplicateRate > 0 && faults.Random.NextDouble() < faults.WebhookDuplicateRate;
            delay = faults.WebhookDelay;
        }

        if (drop)
        {
            Log(delivery, request, 1, null, "Dropped by the webhook drop fault.", TimeSpan.Zero, "dropped", Combine(batchFault, "drop"));
            return;
        }

        var fault = batchFault;
        if (delay > TimeSpan.Zero)
        {
            fault = Combine(fault, "delay");
            await Task.Delay(delay, clock, cancellationToken);
        }

        await SendWithRetriesAsync(delivery, request, fault, cancellationToken);
        if (duplicate)
        {
            await SendWithRetriesAsync(delivery with { Id = NextId() }, request, Combine(fault, "duplicate"), cancellationToken);
        }
    }

    /// <summary>False (and logged) when the integration was deactivated or deleted since the trigger fired.</summary>
    private bool CheckActive(PendingDelivery delivery, WebhookRequest request, int attempt, string? fault)
    {
        switch (StateOf(delivery.Account, delivery.Integration.Id))
        {
            case IntegrationState.Deactivated:
                Log(delivery, request, attempt, null, "The integration is deactivated.", TimeSpan.Zero, "integration-deactivated", fault);
                return false;
            case IntegrationState.Deleted:
                Log(delivery, request, attempt, null, "The integration was deleted.", TimeSpan.Zero, "integration-deleted", fault);
                return false;
            default:
                return true;
        }
    }

    private async Task SendWithRetriesAsync(PendingDelivery delivery, WebhookRequest request, string? fault, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var maxAttempts = settings.Webhooks.MaxAttempts;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            if (attempt > 1 && !CheckActive(delivery, request, attempt, fault))
            {
                return;
            }

            var (status, error, duration) = await SendOnceAsync(request, settings.Webhooks.Timeout, cancellationToken);
            var success = status is >= 200 and < 300;
            var deactivated = RecordResult(delivery, success);
            if (success)
            {
                Log(delivery, request, attempt, status, null, duration, "delivered", fault);
                return;
            }

            var last = attempt == maxAttempts || deactivated;
            Log(delivery, request, attempt, status, error, duration, last ? "failed" : "retrying", fault);
            LogAttemptFailed(logger, delivery.Id, delivery.Integration.Id, attempt, error);
            if (last)
            {
                return;
            }

            await Task.Delay(Backoff(settings, attempt), clock, cancellationToken);
        }
    }

    /// <summary>Exponential back-off from <see cref="WebhookOptions.InitialBackoff"/>, ±20 % jitter, divided by the time scale.</summary>
    internal static TimeSpan Backoff(SandboxOptions settings, int failedAttempt)
    {
        var seconds = settings.Webhooks.InitialBackoff.TotalSeconds * Math.Pow(2, failedAttempt - 1);
        seconds = Math.Min(seconds, MaxBackoff.TotalSeconds) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromSeconds(seconds / settings.TimeScale);
    }

    /// <summary>Counts the result against the integration; returns true when this failure deactivated it.</summary>
    private bool RecordResult(PendingDelivery delivery, bool success)
    {
        var account = delivery.Account;
        var threshold = options.CurrentValue.Webhooks.DisableAfterConsecutiveFailures;
        lock (account.Sync)
        {
            if (account.Integrations.Find(delivery.Integration.Id) is not { } integration)
            {
                return false;
            }

            if (success)
            {
                integration.ConsecutiveFailures = 0;
                return false;
            }

            integration.ConsecutiveFailures++;
            if (integration.DeactivatedDatetime is not null || integration.ConsecutiveFailures < threshold)
            {
                return false;
            }

            var now = account.Now();
            integration.DeactivatedDatetime = now;
            account.Integrations.Touch(integration, now);
            account.RecordEvent("integration-updated", "Integration", integration.Id, null, new JsonObject
            {
                ["deactivated_datetime"] = GorgiasJson.Format(now),
                ["reason"] = $"{integration.ConsecutiveFailures} consecutive failed requests",
            });
            LogDeactivated(logger, integration.Id, account.Domain, integration.ConsecutiveFailures);
            return true;
        }
    }

    private async Task<(int? Status, string? Error, TimeSpan Duration)> SendOnceAsync(
        WebhookRequest request,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        using var message = new HttpRequestMessage();
        try
        {
            message.Method = new HttpMethod(request.Method);
            message.RequestUri = new Uri(request.Url, UriKind.Absolute);
        }
        catch (UriFormatException e)
        {
            return (null, $"Invalid URL: {e.Message}", TimeSpan.Zero);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null && MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
            {
                message.Content.Headers.ContentType = contentType;
            }
        }

        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.Remove(name);
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeoutSource = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var error = status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            return (status, error, clock.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"Timed out after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", clock.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message, clock.GetElapsedTime(started));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return (null, e.Message, clock.GetElapsedTime(started));
        }
    }

    private static void Log(PendingDelivery delivery, WebhookRequest request, int attempt, int? status, string? error, TimeSpan duration, string outcome, string? fault) =>
        delivery.Account.DeliveryLog.Add(new SandboxWebhookDelivery(
            delivery.Id,
            delivery.Account.Now(),
            delivery.Integration.Id,
            delivery.Trigger,
            delivery.TicketId,
            request.Method,
            request.Url,
            attempt,
            status,
            error,
            Math.Round(duration.TotalMilliseconds, 3),
            outcome,
            fault));

    private TimeProvider Clock => clock;

    private void ReportWorkerError(Exception exception, long integrationId, long deliveryId) =>
        LogWorkerError(logger, exception, integrationId, deliveryId);

    private static string Combine(string? fault, string added) => fault is null ? added : fault + "," + added;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} to integration {IntegrationId} failed on attempt {Attempt}: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long deliveryId, long integrationId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP integration {IntegrationId} of account {Account} deactivated after {Failures} consecutive failed requests")]
    private static partial void LogDeactivated(ILogger logger, long integrationId, string account, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook worker of integration {IntegrationId} failed on delivery {DeliveryId}")]
    private static partial void LogWorkerError(ILogger logger, Exception exception, long integrationId, long deliveryId);

    /// <summary>
    /// Sends one integration's deliveries in order. With the reorder fault it collects a batch (up to the window, or
    /// what arrived before <see cref="ReorderIdleFlush"/> of quiet) and sends it reversed. It closes itself once its
    /// integration is gone and nothing is queued; the router then starts a fresh worker if needed.
    /// </summary>
    private sealed class IntegrationWorker(WebhookDispatcher dispatcher, AccountState account, long integrationId)
    {
        private readonly Channel<PendingDelivery> _channel = Channel.CreateUnbounded<PendingDelivery>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        private readonly Lock _gate = new();

        public bool Closed { get; private set; }

        public bool TryEnqueue(PendingDelivery delivery)
        {
            lock (_gate)
            {
                return !Closed && _channel.Writer.TryWrite(delivery);
            }
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var reader = _channel.Reader;
            try
            {
                while (await reader.WaitToReadAsync(cancellationToken))
                {
                    if (!reader.TryRead(out var first))
                    {
                        continue;
                    }

                    int window;
                    lock (account.Faults.Sync)
                    {
                        window = account.Faults.WebhookReorderWindow;
                    }

                    var batch = new List<PendingDelivery> { first };
                    while (batch.Count < window)
                    {
                        if (reader.TryRead(out var next))
                        {
                            batch.Add(next);
                        }
                        else if (!await WaitForMoreAsync(reader, cancellationToken))
                        {
                            break;
                        }
                    }

                    string? fault = null;
                    if (batch.Count > 1)
                    {
                        batch.Reverse();
                        fault = "reorder";
                    }

                    foreach (var delivery in batch)
                    {
                        try
                        {
                            await dispatcher.DeliverAsync(delivery, fault, cancellationToken);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            dispatcher.ReportWorkerError(e, integrationId, delivery.Id);
                        }
                    }

                    if (dispatcher.StateOf(account, integrationId) == IntegrationState.Deleted)
                    {
                        lock (_gate)
                        {
                            if (!reader.TryPeek(out _))
                            {
                                Closed = true;
                                return;
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }

        private async Task<bool> WaitForMoreAsync(ChannelReader<PendingDelivery> reader, CancellationToken cancellationToken)
        {
            using var idle = new CancellationTokenSource(ReorderIdleFlush, dispatcher.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                return await reader.WaitToReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }
}

/// <summary>Registration of the webhook dispatcher and its HTTP client.</summary>
internal static class WebhookServices
{
    public static IServiceCollection AddSandboxWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .RemoveAllLoggers();
        return services;
    }
}
