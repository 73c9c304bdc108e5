using Sotp.Core.Series;

namespace Sotp.Storage.Series;

/// <summary>The stored points of a batch summed per series and bucket, ready to merge into a roll-up table.</summary>
internal sealed class RollUp(SeriesResolution resolution)
{
    private readonly Dictionary<(long SeriesId, long At), Bucket> _buckets = [];

    public SeriesResolution Resolution { get; } = resolution;

    public IEnumerable<KeyValuePair<(long SeriesId, long At), Bucket>> Buckets => _buckets;

    public void Add(RawRow row)
    {
        var key = (row.SeriesId, Resolution.BucketStart(row.At));
        _buckets[key] = _buckets.TryGetValue(key, out var bucket)
            ? new Bucket(Math.Min(bucket.Min, row.Value), Math.Max(bucket.Max, row.Value), bucket.Sum + row.Value, bucket.Count + 1)
            : new Bucket(row.Value, row.Value, row.Value, 1);
    }

    internal readonly record struct Bucket(double Min, double Max, double Sum, long Count);
}
