using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Saas.Core.Intake;

namespace Saas.Core.Workers;

/// <summary>
/// Paces the tenants' inbox passes on this silo. A pass costs about the same fixed work however many rows it takes
/// (its claim, its outcome, a scope, the rule set), so what the processing costs beside the intake grows with the
/// number of tenants busy at once, not with the number of events. Each tenant's gathering window is therefore the
/// share of <see cref="WorkersOptions.InboxPassesPerSecond"/> it gets among the tenants that started a pass recently,
/// kept between <see cref="WorkersOptions.InboxGatherWindow"/> (one busy tenant: its events are handled almost at
/// once) and <see cref="WorkersOptions.InboxMaxGatherWindow"/> (many: each pass takes more rows, the silo runs about
/// the same number of passes). While this replica's intake is busy (<see cref="IIntakePressure"/>) a pass is put off
/// window after window, up to <see cref="WorkersOptions.InboxMaxDeferral"/>: background work yields the CPU to answering
/// Gorgias, and the rows wait durably in the inbox. Real time (a batching window, not business time).
/// </summary>
internal sealed class InboxPacer(IOptions<WorkersOptions> options, IIntakePressure? pressure = null)
{
    private readonly ConcurrentDictionary<Guid, long> _lastPass = new();

    /// <summary>How long <paramref name="tenantId"/>'s next pass should gather nudges first; records that it runs one.</summary>
    public TimeSpan WindowFor(Guid tenantId)
    {
        var settings = options.Value;
        var now = Stopwatch.GetTimestamp();
        _lastPass[tenantId] = now;
        var active = Active(now, settings);
        var share = TimeSpan.FromSeconds(active / settings.InboxPassesPerSecond);
        return share < settings.InboxGatherWindow ? settings.InboxGatherWindow
            : share > settings.InboxMaxGatherWindow ? settings.InboxMaxGatherWindow
            : share;
    }

    /// <summary>
    /// Whether a pass whose window began at <paramref name="since"/> (<see cref="Stopwatch"/> ticks) should wait one
    /// more window: the intake is busy and the pass has not been put off for <see cref="WorkersOptions.InboxMaxDeferral"/> yet.
    /// </summary>
    public bool ShouldDefer(long since) =>
        pressure is { IsBusy: true } && Stopwatch.GetElapsedTime(since) < options.Value.InboxMaxDeferral;

    /// <summary>The tenants that started a pass within two maximum windows (the stale ones forgotten on the way).</summary>
    private int Active(long now, WorkersOptions settings)
    {
        var span = 2 * settings.InboxMaxGatherWindow;
        var active = 0;
        foreach (var (tenant, at) in _lastPass)
        {
            if (Stopwatch.GetElapsedTime(at, now) <= span)
            {
                active++;
            }
            else
            {
                _lastPass.TryRemove(new KeyValuePair<Guid, long>(tenant, at));
            }
        }

        return Math.Max(1, active);
    }
}
