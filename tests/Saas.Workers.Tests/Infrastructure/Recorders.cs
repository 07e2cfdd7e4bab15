using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Saas.Core.Intake;

namespace Saas.Workers.Tests.Infrastructure;

/// <summary>Every log line of every silo, formatted with its level, category, structured values and exception.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines.Select(l => l.Line)];

    public string Text => string.Join('\n', Lines);

    /// <summary>Lines at <paramref name="level"/> or above.</summary>
    public IReadOnlyList<string> AtLeast(LogLevel level) => [.. _lines.Where(l => l.Level >= level).Select(l => l.Line)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            owner._lines.Enqueue((logLevel, $"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}"));
        }
    }
}

/// <summary>
/// The inbox processor of the tests (the intake's real one lives on another branch): records each pass per tenant and,
/// when <see cref="Hold"/> is set, holds passes until released or cancelled, so a test can stop a silo mid-pass.
/// </summary>
internal sealed class RecordingInboxProcessor : ITenantInboxProcessor
{
    private readonly ConcurrentQueue<Guid> _passes = new();
    private readonly ConcurrentQueue<Guid> _cancelled = new();
    private int _running;
    private int _maxRunning;

    /// <summary>Set to hold every pass until it completes (or the pass is cancelled).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Signalled when a pass starts.</summary>
    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Guid> Passes => [.. _passes];

    public IReadOnlyList<Guid> Cancelled => [.. _cancelled];

    /// <summary>The most passes that ran at once (for any tenant).</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    public void ResetStarted() => Started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<int> ProcessPendingAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            Started.TrySetResult();
            if (Hold is { } hold)
            {
                try
                {
                    await hold.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _cancelled.Enqueue(tenantId);
                    throw;
                }
            }

            _passes.Enqueue(tenantId);
            return 1;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps in tests).</summary>
internal static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what ?? "(unnamed)"}; last value {value}.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>
/// The inbox event handler of the real-intake cluster: records each row it finished (in order, duplicates kept so a
/// test can see a row handled twice) and, while <see cref="BlockFirst"/> is set, blocks the first row it gets until
/// <see cref="Release"/> completes or the pass is cancelled (so a test can stop that silo mid-pass).
/// </summary>
internal sealed class RecordingInboxHandler : IInboxEventHandler
{
    private readonly ConcurrentQueue<long> _handled = new();
    private readonly ConcurrentQueue<long> _cancelled = new();
    private int _blocked;

    /// <summary>Block the first row handled (once) until <see cref="Release"/> completes.</summary>
    public bool BlockFirst { get; set; }

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Signalled with the row id when the first row is blocked.</summary>
    public TaskCompletionSource<long> Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The rows finished, in order (a row finished twice appears twice).</summary>
    public IReadOnlyList<long> Handled => [.. _handled];

    /// <summary>The rows whose handling was cancelled mid-way.</summary>
    public IReadOnlyList<long> Cancelled => [.. _cancelled];

    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (BlockFirst && Interlocked.Exchange(ref _blocked, 1) == 0)
        {
            Blocked.TrySetResult(item.Id);
            try
            {
                await Release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled.Enqueue(item.Id);
                throw;
            }
        }

        _handled.Enqueue(item.Id);
    }
}
