using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sotp.Bench.Soak;
using Sotp.Server.Snmp;

namespace Sotp.Bench.SnmpSoak;

/// <summary>
/// Listens to the SNMP poller's own instruments (the ones /metrics exports) and keeps every lateness value, so the
/// percentiles are exact, and the polls by status. <see cref="Reset"/> starts the measured window.
/// </summary>
public sealed class PollRecorder : IDisposable
{
    private const string Lateness = "sotp.snmp.poll.lateness";
    private const string Polls = "sotp.snmp.polls";
    private const string Skipped = "sotp.snmp.turns.skipped";
    private const string Problems = "sotp.snmp.problems";

    private readonly MeterListener _listener = new();
    private readonly LatenessSamples _lateness = new();
    private ConcurrentDictionary<string, long> _statuses = new();
    private long _skipped;
    private long _problems;

    public PollRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SnmpMetrics.MeterName && instrument.Name is Lateness or Polls or Skipped or Problems)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _lateness.Add(value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            switch (instrument.Name)
            {
                case Polls:
                    _statuses.AddOrUpdate(tags.Length > 0 ? tags[0].Value?.ToString() ?? "?" : "?", value, (_, sum) => sum + value);
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

    public long SkippedTurns => Interlocked.Read(ref _skipped);

    public long ProblemCount => Interlocked.Read(ref _problems);

    /// <summary>Polls finished so far by status (OK, PARTIAL, TIMEOUT, AUTH_ERROR, ERROR).</summary>
    public IReadOnlyDictionary<string, long> Statuses => new SortedDictionary<string, long>(_statuses);

    public long Finished => _statuses.Values.Sum();

    /// <summary>Forgets everything recorded so far: what came before the devices existed is not the soak.</summary>
    public void Reset()
    {
        _lateness.Reset();

        _statuses = new ConcurrentDictionary<string, long>();
        Interlocked.Exchange(ref _skipped, 0);
        Interlocked.Exchange(ref _problems, 0);
    }

    /// <summary>Polls started so far, their lateness in seconds (p50, p99, max; zeros when none) and how many were over a second late.</summary>
    public (int Started, double P50, double P99, double Max, int OverASecond) LatenessSummary() => _lateness.Summary();

    public void Dispose() => _listener.Dispose();
}
