using System.Diagnostics.Metrics;

namespace Sotp.Server.Monitoring;

/// <summary>The monitor's own health in /metrics: is every device probed on time, and what goes wrong.</summary>
public sealed class MonitoringMetrics
{
    public const string MeterName = "Sotp.Monitoring";

    /// <summary>
    /// Lateness is milliseconds when all is well and seconds when the node falls behind; the exporter's default
    /// buckets (0, 5, 10, 25 … s) would put both in the first bucket.
    /// </summary>
    public static readonly IReadOnlyList<double> LatenessBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _probes;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _problems;
    private readonly Counter<long> _statusChanges;

    public MonitoringMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _probes = meter.CreateCounter<long>("sotp.icmp.probes", description: "Device probes finished, by outcome (answered, lost).");
        _lateness = meter.CreateHistogram<double>("sotp.icmp.probe.lateness", unit: "s", description: "How long after its due time a probe started.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _skipped = meter.CreateCounter<long>("sotp.icmp.turns.skipped", description: "Turns not run because the device's previous probe was still running.");
        _problems = meter.CreateCounter<long>("sotp.icmp.problems", description: "Probes that could not run, by reason (unresolvable, invalid_address, probe_failed, store).");
        _statusChanges = meter.CreateCounter<long>("sotp.device.status.changes", description: "Device status changes, by new status.");
    }

    public void Probed(bool answered) => _probes.Add(1, new KeyValuePair<string, object?>("outcome", answered ? "answered" : "lost"));

    public void Late(TimeSpan lateness) => _lateness.Record(Math.Max(0, lateness.TotalSeconds));

    public void Skipped() => _skipped.Add(1);

    public void Problem(string reason) => _problems.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void StatusChanged(string status) => _statusChanges.Add(1, new KeyValuePair<string, object?>("status", status));
}
