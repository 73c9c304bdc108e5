using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Sites;

namespace Sotp.Core.Series;

/// <summary>
/// Reads a series for a chart: the finest resolution that is still kept for the whole range and fits in
/// <c>maxPoints</c>, merged further in memory when even hourly buckets are too many. Limited to the caller's sites.
/// </summary>
public sealed class SeriesQueries(ISeriesStore store, LatestSeriesValues latest, IDeviceStore devices, SiteService sites, SeriesRetention retention, TimeProvider time)
{
    public const int MaxPoints = 10_000;
    public const int DefaultPoints = 500;

    public async Task<SeriesAnswer> QueryAsync(SeriesKey key, DateTimeOffset from, DateTimeOffset to, int maxPoints, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(key.Metric))
        {
            errors["metric"] = ["metric is required."];
        }

        if (from >= to)
        {
            errors["from"] = ["from must be before to."];
        }

        if (maxPoints is < 1 or > MaxPoints)
        {
            errors["maxPoints"] = [$"maxPoints is 1..{MaxPoints}."];
        }

        Require.Valid(errors);
        await RequireVisibleAsync(key.DeviceId, caller, cancellationToken);

        var now = time.GetUtcNow();
        foreach (var resolution in new[] { SeriesResolution.Raw, SeriesResolution.FiveMinutes })
        {
            // A resolution whose retention does not reach back to `from` would show a gap that is not in the data.
            if (from >= now - retention.For(resolution) && await store.CountAsync(key, resolution, from, to, cancellationToken) <= maxPoints)
            {
                return new SeriesAnswer(key, resolution, await store.ReadAsync(key, resolution, from, to, cancellationToken), latest.Get(key));
            }
        }

        var hourly = await store.ReadAsync(key, SeriesResolution.Hour, from, to, cancellationToken);
        return new SeriesAnswer(key, SeriesResolution.Hour, Merge(hourly, maxPoints), latest.Get(key));
    }

    /// <summary>The series of a device with their latest values.</summary>
    public async Task<IReadOnlyList<LatestValue>> LatestAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(deviceId, caller, cancellationToken);
        return latest.ForDevice(deviceId);
    }

    /// <summary>Neighbouring samples merged into groups so that no more than <paramref name="maxPoints"/> remain.</summary>
    public static IReadOnlyList<SeriesSample> Merge(IReadOnlyList<SeriesSample> samples, int maxPoints)
    {
        if (samples.Count <= maxPoints)
        {
            return samples;
        }

        var size = (samples.Count + maxPoints - 1) / maxPoints;
        return samples.Chunk(size).Select(group =>
        {
            var count = group.Sum(s => s.Count);
            return new SeriesSample(group[0].At, group.Sum(s => s.Avg * s.Count) / count, group.Min(s => s.Min), group.Max(s => s.Max), count);
        }).ToList();
    }

    private async Task RequireVisibleAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(deviceId, cancellationToken);
        if (device is null || !await sites.CanSeeAsync(caller, device.SiteId, cancellationToken))
        {
            throw DeviceService.NotFound(deviceId);
        }
    }
}
