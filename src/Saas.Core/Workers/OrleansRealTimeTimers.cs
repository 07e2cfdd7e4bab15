namespace Saas.Core.Workers;

/// <summary>
/// The app's clock with Orleans' own timers kept on real time. Orleans resolves <see cref="TimeProvider"/> from the
/// app's container, so a clock the app is given (a test's <c>FakeTimeProvider</c>) would also drive the silo's
/// periodic timers: moving it by a month would fire a one-second timer 2.6 million times. Timers whose callback
/// belongs to Orleans run on <see cref="TimeProvider.System"/>; everything else (reading the time, the app's own
/// timers, grain timers of the app's grains) uses the app's clock. With the system clock this changes nothing.
/// </summary>
public sealed class OrleansRealTimeTimers(TimeProvider appClock) : TimeProvider
{
    public TimeProvider AppClock { get; } = appClock;

    public override DateTimeOffset GetUtcNow() => AppClock.GetUtcNow();

    public override long GetTimestamp() => AppClock.GetTimestamp();

    public override long TimestampFrequency => AppClock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => AppClock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        CreatedByOrleans()
            ? System.CreateTimer(callback, state, dueTime, period)
            : AppClock.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// Whether the code asking for the timer is Orleans: the first frame outside the runtime library and this class
    /// (<c>Task.Delay</c> and <c>PeriodicTimer</c> create timers for their callers) is in an Orleans assembly.
    /// Only walked when the app's clock is not the system clock, i.e. in tests.
    /// </summary>
    private static bool CreatedByOrleans()
    {
        var frames = new System.Diagnostics.StackTrace(1, false).GetFrames();
        foreach (var frame in frames)
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly is null || assembly == typeof(object).Assembly || assembly == typeof(OrleansRealTimeTimers).Assembly && frame.GetMethod()!.DeclaringType == typeof(OrleansRealTimeTimers))
            {
                continue;
            }

            var name = assembly.GetName().Name ?? "";
            if (name.StartsWith("Microsoft.Extensions.TimeProvider", StringComparison.Ordinal) || name.StartsWith("Microsoft.Bcl", StringComparison.Ordinal))
            {
                continue;
            }

            return name.StartsWith("Orleans", StringComparison.Ordinal);
        }

        return false;
    }
}
