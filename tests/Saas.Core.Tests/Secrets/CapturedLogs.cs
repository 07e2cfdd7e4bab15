using Microsoft.Extensions.Logging;

namespace Saas.Core.Tests.Secrets;

/// <summary>A logger that keeps every entry (level, formatted message, exception text) for assertions.</summary>
internal sealed class CapturedLogs<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Everything logged, exceptions included, as one text.</summary>
    public string AllText => string.Join('\n', Entries.Select(e => e.Text));

    public IReadOnlyList<string> At(LogLevel level) => [.. Entries.Where(e => e.Level == level).Select(e => e.Text)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add((logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
        }
    }
}
