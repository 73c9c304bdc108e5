using System.Diagnostics.Metrics;
using Sotp.Core;
using Sotp.Core.Snmp;
using Sotp.Server.Monitoring;

namespace Sotp.Server.Snmp;

/// <summary>The SNMP poller's and trap receiver's own health in /metrics: polls by outcome, how late they start, traps by result, and what goes wrong besides devices.</summary>
public sealed class SnmpMetrics
{
    public const string MeterName = "Sotp.Snmp";

    private readonly Counter<long> _polls;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _problems;
    private readonly Counter<long> _traps;

    public SnmpMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _polls = meter.CreateCounter<long>("sotp.snmp.polls", description: "Device polls finished, by status (OK, PARTIAL, TIMEOUT, AUTH_ERROR, ERROR).");
        _lateness = meter.CreateHistogram<double>("sotp.snmp.poll.lateness", unit: "s", description: "How long after its due time a poll started.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MonitoringMetrics.LatenessBuckets });
        _skipped = meter.CreateCounter<long>("sotp.snmp.turns.skipped", description: "Turns not run because the device's previous poll was still running.");
        _problems = meter.CreateCounter<long>("sotp.snmp.problems", description: "Trouble other than a device's answer, by reason (store, event_sink, poll_failed, trap_failed, credentials).");
        _traps = meter.CreateCounter<long>("sotp.snmp.traps",
            description: "Traps and informs received, by result (accepted, malformed, unsupported_v3, unknown_sender, bad_community, event_lost).");
    }

    public void Polled(SnmpPollStatus status) => _polls.Add(1, new KeyValuePair<string, object?>("status", status.ToText()));

    public void Late(TimeSpan lateness) => _lateness.Record(Math.Max(0, lateness.TotalSeconds));

    public void Skipped() => _skipped.Add(1);

    public void Trap(string result) => _traps.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Problem(string reason) => _problems.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
