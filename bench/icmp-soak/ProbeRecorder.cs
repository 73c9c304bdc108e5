using System.Diagnostics.Metrics;
using Sotp.Bench.Soak;
using Sotp.Server.Monitoring;

namespace Sotp.Bench.IcmpSoak;

/// <summary>
/// Listens to the monitor's own instruments (the ones /metrics exports) and keeps every lateness value, so the
/// percentiles are exact rather than read off histogram buckets. <see cref="Reset"/> starts the measured window.
/// </summary>
public sealed class ProbeRecorder : IDisposable
{
    private const string Lateness = "sotp.icmp.probe.lateness";
    private const string Probes = "sotp.icmp.probes";
    private const string Skipped = "sotp.icmp.turns.skipped";
    private const string Problems = "sotp.icmp.problems";

    private readonly MeterListener _listener = new();
    private readonly LatenessSamples _lateness = new();
    private long _answered;
    private long _lost;
    private long _skipped;
    private long _problems;

    public ProbeRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MonitoringMetrics.MeterName && instrument.Name is Lateness or Probes or Skipped or Problems)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _lateness.Add(value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            switch (instrument.Name)
            {
                case Probes when tags.Length > 0 && tags[0].Value is "answered":
                    Interlocked.Add(ref _answered, value);
                    break;
                case Probes:
                    Interlocked.Add(ref _lost, value);
                    break;
                case Skipped:
                    Interlocked.Add(ref _skipped, value);
                    break;
                default:
                    Interlocked.Add(ref _problems, value);
                    break;
            }
        });
        _listener.Start();
    }

    public long Answered => Interlocked.Read(ref _answered);

    public long Lost => Interlocked.Read(ref _lost);

    public long SkippedTurns => Interlocked.Read(ref _skipped);

    public long ProblemCount => Interlocked.Read(ref _problems);

    /// <summary>Forgets everything recorded so far: what came before the devices existed is not the soak.</summary>
    public void Reset()
    {
        _lateness.Reset();

        Interlocked.Exchange(ref _answered, 0);
        Interlocked.Exchange(ref _lost, 0);
        Interlocked.Exchange(ref _skipped, 0);
        Interlocked.Exchange(ref _problems, 0);
    }

    /// <summary>Probes started so far, their lateness in seconds (p50, p99, max; zeros when none) and how many were over a second late.</summary>
    public (int Started, double P50, double P99, double Max, int OverASecond) LatenessSummary() => _lateness.Summary();

    public void Dispose() => _listener.Dispose();
}
