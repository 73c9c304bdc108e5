using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sotp.Storage;

/// <summary>How long store operations take, by operation and outcome; exported on /metrics.</summary>
public sealed class StoreMetrics : IDisposable
{
    public const string MeterName = "Sotp.Storage";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;

    public StoreMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _duration = _meter.CreateHistogram<double>(
            "sotp.store.operation.duration", unit: "s", description: "Duration of store operations.");
    }

    /// <summary>Times an operation: <c>using (metrics.Measure("users.find")) { … }</c>.</summary>
    public Measurement Measure(string operation) => new(this, operation, Stopwatch.GetTimestamp());

    public void Dispose() => _meter.Dispose();

    public readonly struct Measurement(StoreMetrics metrics, string operation, long started) : IDisposable
    {
        public void Dispose() =>
            metrics._duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation));
    }
}
