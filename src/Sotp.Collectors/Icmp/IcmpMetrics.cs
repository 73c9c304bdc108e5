using System.Diagnostics.Metrics;

namespace Sotp.Collectors.Icmp;

/// <summary>The engine's counters in /metrics: packets out and in, and everything that did not fit.</summary>
internal sealed class IcmpMetrics
{
    public const string MeterName = "Sotp.Collectors.Icmp";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _received;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _unusable;

    public IcmpMetrics(IMeterFactory? meters)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _sent = meter.CreateCounter<long>("sotp.icmp.packets.sent", description: "Echo requests sent.");
        _received = meter.CreateCounter<long>("sotp.icmp.packets.received", description: "Echo replies matched to a request.");
        _timeouts = meter.CreateCounter<long>("sotp.icmp.timeouts", description: "Echo requests that got no answer in time.");
        _errors = meter.CreateCounter<long>("sotp.icmp.errors", description: "ICMP errors (unreachable, TTL exceeded) and send failures, by kind.");
        _unusable = meter.CreateCounter<long>("sotp.icmp.packets.unusable", description: "Received packets that were not for us or could not be parsed, by reason.");
    }

    public void Sent() => _sent.Add(1);

    public void Received() => _received.Add(1);

    public void TimedOut() => _timeouts.Add(1);

    public void Error(string kind) => _errors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Unusable(string reason) => _unusable.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
