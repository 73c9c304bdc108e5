using System.Collections.Concurrent;

namespace Sotp.Core.Series;

/// <summary>
/// The newest value of every series, in memory, so a device page or a rule never asks the store for "now".
/// Filled as points are written; empty for a series until its first point after a start.
/// </summary>
public sealed class LatestSeriesValues
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<(string Metric, string Labels), LatestValue>> _byDevice = new();

    public void Record(SeriesPoint point)
    {
        var series = _byDevice.GetOrAdd(point.Key.DeviceId, _ => new());
        series.AddOrUpdate((point.Key.Metric, point.Key.Labels), _ => new LatestValue(point.Key.Metric, point.Key.Labels, point.At, point.Value),
            (_, old) => old.At > point.At ? old : new LatestValue(point.Key.Metric, point.Key.Labels, point.At, point.Value));
    }

    public LatestValue? Get(SeriesKey key) =>
        _byDevice.TryGetValue(key.DeviceId, out var series) && series.TryGetValue((key.Metric, key.Labels), out var value) ? value : null;

    /// <summary>Every series of a device, ordered by metric then labels.</summary>
    public IReadOnlyList<LatestValue> ForDevice(long deviceId) =>
        _byDevice.TryGetValue(deviceId, out var series)
            ? series.Values.OrderBy(v => v.Metric, StringComparer.Ordinal).ThenBy(v => v.Labels, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>A deleted device's values go with it.</summary>
    public void Forget(long deviceId) => _byDevice.TryRemove(deviceId, out _);
}

public sealed record LatestValue(string Metric, string Labels, DateTimeOffset At, double Value);
