using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Timers;

/// <summary>
/// The time-driven ticket behaviours, on the injected <see cref="TimeProvider"/> (a fake clock drives it in tests):
/// every <see cref="Interval"/> it looks at each account's <see cref="AccountTimers"/> and
/// <list type="bullet">
/// <item>wakes snoozed tickets whose <c>snooze_datetime</c> has come (<see cref="TicketEdit.SelfUnsnooze"/>: open,
/// events <c>ticket-updated</c> + <c>ticket-self-unsnoozed</c>, triggers <c>ticket-self-unsnoozed</c>,
/// <c>ticket-updated</c>, <c>ticket-status-updated</c>);</item>
/// <item>"sends" outgoing public messages created without <c>sent_datetime</c> once
/// <see cref="SandboxOptions.MessageSendDelay"/> (divided by <see cref="SandboxOptions.TimeScale"/>) has passed:
/// <c>sent_datetime</c> = now, quietly; or, when the receiver's address ends with <c>.invalid</c> or the account's
/// <c>MessageSendFailureRate</c> fault hits, <c>failed_datetime</c> + <c>last_sending_error</c> and the trigger
/// <c>ticket-message-failed</c>.</item>
/// </list>
/// </summary>
internal sealed partial class TicketTimerService(
    SandboxStore store,
    IOptionsMonitor<SandboxOptions> options,
    TimeProvider clock,
    ILogger<TicketTimerService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>At most this many tickets and this many messages per account and tick (the rest waits for the next tick).</summary>
    private const int MaxPerTick = 1_000;

    private readonly Lock _scanSync = new();
    private TaskCompletionSource _scanned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _scannedThrough = DateTimeOffset.MinValue;

    /// <summary>Completes once a scan that saw the clock at or after <paramref name="instant"/> has finished (for tests).</summary>
    public async Task WaitForScanAsync(DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task next;
            lock (_scanSync)
            {
                if (_scannedThrough >= instant)
                {
                    return;
                }

                next = _scanned.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = clock.GetUtcNow() + Interval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // When the clock jumped past the next tick while scanning (a fake clock advanced), scan again at once.
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }

                var now = clock.GetUtcNow();
                try
                {
                    Scan(store.Now());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug in one account's work must not stop the timers of every account.
                    LogScanFailed(e);
                }

                Scanned(now);
                due = now + Interval;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Does the work due at <paramref name="now"/> in every account.</summary>
    internal void Scan(DateTimeOffset now)
    {
        var settings = options.CurrentValue;
        var sendBefore = now - (settings.MessageSendDelay / settings.TimeScale);
        foreach (var account in store.Accounts)
        {
            var timers = account.Timers;
            var unsnoozeDue = timers.NextUnsnoozeTicks <= now.UtcTicks;
            var sendDue = timers.NextSendQueuedTicks <= sendBefore.UtcTicks;
            if (!unsnoozeDue && !sendDue)
            {
                continue;
            }

            lock (account.Sync)
            {
                WakeSnoozedTickets(account, now);
                SendMessages(account, sendBefore);
            }
        }
    }

    private static void WakeSnoozedTickets(AccountState account, DateTimeOffset now)
    {
        for (var n = 0; n < MaxPerTick && account.Timers.TryTakeDueUnsnooze(now.UtcTicks, out var ticketId); n++)
        {
            // Skip stale entries: the ticket was deleted, unsnoozed, or snoozed again until later (queued again then).
            if (account.Tickets.Find(ticketId) is not { SnoozeDatetime: { } until } ticket || until > now)
            {
                continue;
            }

            var edit = new TicketEdit(account, ticket, actingUserId: null);
            edit.SelfUnsnooze();
            edit.Commit();
        }
    }

    private static void SendMessages(AccountState account, DateTimeOffset queuedBefore)
    {
        for (var n = 0; n < MaxPerTick && account.Timers.TryTakeDueSend(queuedBefore.UtcTicks, out var messageId); n++)
        {
            // Skip stale entries: deleted, or given a sent_datetime / failed_datetime through the API meanwhile.
            if (account.Messages.Find(messageId) is not { FromAgent: true, Public: true, SentDatetime: null, FailedDatetime: null } message
                || account.Tickets.Find(message.TicketId) is not { } ticket)
            {
                continue;
            }

            var now = account.Now();
            if (SendingError(account, message) is { } error)
            {
                message.FailedDatetime = now;
                message.LastSendingError = error;
                account.Messages.Touch(message, now);
                account.Tickets.Touch(ticket, now);
                account.RaiseTicketTrigger("ticket-message-failed", ticket, message);
            }
            else
            {
                message.SentDatetime = now;
                account.Messages.Touch(message, now);
            }
        }
    }

    /// <summary>Why sending fails, or null: a recipient address in the reserved <c>.invalid</c> TLD, or the fault.</summary>
    internal static string? SendingError(AccountState account, Message message)
    {
        var receiverEmail = message.ReceiverId is { } id ? account.Customers.Find(id)?.Email : null;
        foreach (var address in new[] { receiverEmail, message.SourceToAddress })
        {
            if (address is not null && address.TrimEnd().EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
            {
                return $"Failed to send the message to {address.Trim()}: the recipient's domain does not exist.";
            }
        }

        var faults = account.Faults;
        lock (faults.Sync)
        {
            return faults.MessageSendFailureRate > 0 && faults.Random.NextDouble() < faults.MessageSendFailureRate
                ? "Failed to send the message: the provider refused it (injected by the sandbox: message_send_failure_rate)."
                : null;
        }
    }

    private void Scanned(DateTimeOffset now)
    {
        TaskCompletionSource done;
        lock (_scanSync)
        {
            _scannedThrough = now;
            done = _scanned;
            _scanned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The ticket timers' scan failed.")]
    private partial void LogScanFailed(Exception exception);
}
