using System.Diagnostics.Metrics;

namespace Sotp.Core.Alarms;

/// <summary>The alarm pipeline in /metrics: what arrives, how fast operators answer, what waits for delivery.</summary>
public sealed class AlarmMetrics
{
    public const string MeterName = "Sotp.Alarms";

    private readonly Counter<long> _events;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _responseTime;
    private readonly Counter<long> _replayOverflows;
    private long _active = -1;
    private long _outboxPending;

    public AlarmMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("sotp.events", description: "Events filed, by result (opened, joined, affected, signal, duplicate).");
        _rejected = meter.CreateCounter<long>("sotp.events.rejected", description: "Events refused, by reason (invalid, unknown_reference).");
        _responseTime = meter.CreateHistogram<double>("sotp.alarm.response_time", unit: "s", description: "From an alarm opening to its acknowledgement.");
        _replayOverflows = meter.CreateCounter<long>("sotp.ws.replay_overflow", description: "Live clients told to reload because what they missed is no longer kept.");
        meter.CreateObservableGauge("sotp.alarms.active", () => Math.Max(0, Interlocked.Read(ref _active)), description: "Alarms not yet resolved.");
        meter.CreateObservableGauge("sotp.outbox.pending", () => Interlocked.Read(ref _outboxPending), description: "Outbox messages not yet delivered to live clients.");
    }

    public void Filed(IngestResult result) => _events.Add(1, new KeyValuePair<string, object?>("result", result.ToText().ToLowerInvariant()));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Acknowledged(Alarm alarm)
    {
        if (alarm.TimeToAck is { } time)
        {
            _responseTime.Record(time.TotalSeconds, new KeyValuePair<string, object?>("priority", alarm.Priority.ToText()));
        }
    }

    public void ReplayOverflow() => _replayOverflows.Add(1);

    public void ActiveAlarms(long count) => Interlocked.Exchange(ref _active, count);

    public void OutboxPending(long count) => Interlocked.Exchange(ref _outboxPending, count);
}
