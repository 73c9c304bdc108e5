namespace Sotp.Core.Series;

/// <summary>Where points are read from: as written, or rolled up into 5-minute or 1-hour buckets.</summary>
public enum SeriesResolution
{
    Raw,
    FiveMinutes,
    Hour,
}

public static class SeriesResolutions
{
    public static readonly SeriesResolution[] RollUps = [SeriesResolution.FiveMinutes, SeriesResolution.Hour];

    /// <summary>The width of a bucket; zero for raw.</summary>
    public static TimeSpan Bucket(this SeriesResolution resolution) => resolution switch
    {
        SeriesResolution.FiveMinutes => TimeSpan.FromMinutes(5),
        SeriesResolution.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.Zero,
    };

    /// <summary>The bucket a time falls in, as Unix milliseconds of its start.</summary>
    public static long BucketStart(this SeriesResolution resolution, long unixMilliseconds)
    {
        var width = (long)resolution.Bucket().TotalMilliseconds;
        return unixMilliseconds - (((unixMilliseconds % width) + width) % width);
    }
}
