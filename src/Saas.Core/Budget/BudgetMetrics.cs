using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

/// <summary>
/// The budget's instruments on the <c>Saas.Budget</c> meter (OpenTelemetry picks them up by name): requests granted
/// and reservations that had to wait, per lane; 429s per lane; and the estimated bucket level of every active
/// account (an observable gauge, tagged by account: only accounts with an active grain on this silo report).
/// </summary>
public sealed class BudgetMetrics : IDisposable
{
    public const string MeterName = "Saas.Budget";

    private readonly Meter _meter;
    private readonly Counter<long> _granted;
    private readonly Counter<long> _waits;
    private readonly Counter<long> _tooMany;
    private readonly ConcurrentDictionary<string, Func<double>> _levels = new(StringComparer.Ordinal);

    public BudgetMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _granted = _meter.CreateCounter<long>("saas.budget.granted", "{request}", "Requests granted a slot, per lane.");
        _waits = _meter.CreateCounter<long>("saas.budget.waits", "{request}", "Requests that had to wait for a slot, per lane.");
        _tooMany = _meter.CreateCounter<long>("saas.budget.too_many_requests", "{response}", "429 responses seen, per lane.");
        _meter.CreateObservableGauge("saas.budget.level", ObserveLevels, "{request}", "Estimated bucket level of each active account.");
    }

    public void Granted(GorgiasLane lane) => _granted.Add(1, LaneTag(lane));

    public void Waited(GorgiasLane lane) => _waits.Add(1, LaneTag(lane));

    public void TooManyRequests(GorgiasLane lane) => _tooMany.Add(1, LaneTag(lane));

    /// <summary>Reports <paramref name="level"/> for the account until <see cref="Untrack"/>.</summary>
    public void Track(string account, Func<double> level) => _levels[account] = level;

    public void Untrack(string account) => _levels.TryRemove(account, out _);

    private IEnumerable<Measurement<double>> ObserveLevels()
    {
        foreach (var (account, level) in _levels)
        {
            yield return new Measurement<double>(level(), new KeyValuePair<string, object?>("account", account));
        }
    }

    private static KeyValuePair<string, object?> LaneTag(GorgiasLane lane) => new("lane", lane.ToString());

    public void Dispose() => _meter.Dispose();
}
