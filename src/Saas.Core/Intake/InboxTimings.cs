using System.Collections.Concurrent;
using System.Diagnostics;

namespace Saas.Core.Intake;

/// <summary>TEMP instrumentation.</summary>
public static class InboxTimings
{
    private static readonly ConcurrentDictionary<string, long[]> Stats = new();

    public static void Add(string label, long ticks)
    {
        var s = Stats.GetOrAdd(label, _ => new long[3]);
        lock (s)
        {
            s[0]++;
            s[1] += ticks;
            if (ticks > s[2]) s[2] = ticks;
        }
    }

    public static long Start() => Stopwatch.GetTimestamp();

    public static void Stop(string label, long start) => Add(label, Stopwatch.GetTimestamp() - start);

    public static string Report() => string.Join("\n", Stats.OrderBy(k => k.Key).Select(k =>
        $"{k.Key,-20} n={k.Value[0],8} total={k.Value[1] * 1000.0 / Stopwatch.Frequency,10:F0}ms mean={(k.Value[0] == 0 ? 0 : k.Value[1] * 1000.0 / Stopwatch.Frequency / k.Value[0]),8:F3}ms max={k.Value[2] * 1000.0 / Stopwatch.Frequency,8:F1}ms"));

    public static void Reset() => Stats.Clear();
}
