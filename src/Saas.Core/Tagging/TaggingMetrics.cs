using System.Diagnostics.Metrics;

namespace Saas.Core.Tagging;

/// <summary>
/// The meter <c>Saas.Tagging</c>: rule runs by outcome, write requests by kind, and the intake-to-write latency (from
/// the inbox row's receipt to the last write's answer, for runs that wrote).
/// </summary>
public sealed class TaggingMetrics
{
    public const string MeterName = "Saas.Tagging";

    private readonly Counter<long> _runs;
    private readonly Counter<long> _writes;
    private readonly Histogram<double> _latency;

    public TaggingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("saas.tagging.runs", description: "Rule runs, by outcome");
        _writes = meter.CreateCounter<long>("saas.tagging.writes", description: "Write requests to Gorgias, by kind and result");
        _latency = meter.CreateHistogram<double>("saas.tagging.intake_to_write", unit: "ms", description: "From the webhook's receipt to the last write's answer");
    }

    internal void Run(RuleRunOutcome outcome) => _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    internal void Write(string kind, string result) =>
        _writes.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("result", result));

    internal void IntakeToWrite(double milliseconds) => _latency.Record(milliseconds);
}
