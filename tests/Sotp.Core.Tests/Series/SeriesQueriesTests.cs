using Sotp.Core.Series;

namespace Sotp.Core.Tests.Series;

public class SeriesQueriesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_KeepsMinMaxAndTheWeightedAverage()
    {
        SeriesSample[] hours = [new(At, 1, 0, 2, 10), new(At.AddHours(1), 4, 3, 5, 30), new(At.AddHours(2), 7, 7, 7, 1)];

        var merged = SeriesQueries.Merge(hours, maxPoints: 2);

        Assert.Equal([new SeriesSample(At, 3.25, 0, 5, 40), new SeriesSample(At.AddHours(2), 7, 7, 7, 1)], merged);
    }

    [Fact]
    public void Merge_LeavesAFittingAnswerAlone()
    {
        SeriesSample[] samples = [new(At, 1, 1, 1, 1)];

        Assert.Same(samples, SeriesQueries.Merge(samples, maxPoints: 1));
    }

    [Theory]
    [InlineData(SeriesResolution.FiveMinutes, "2026-12-01T03:07:59.999Z", "2026-12-01T03:05:00Z")]
    [InlineData(SeriesResolution.FiveMinutes, "2026-12-01T03:05:00Z", "2026-12-01T03:05:00Z")]
    [InlineData(SeriesResolution.Hour, "2026-12-01T03:59:59Z", "2026-12-01T03:00:00Z")]
    public void Buckets_StartOnTheirBoundary(SeriesResolution resolution, string time, string bucket)
    {
        var at = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(bucket, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), resolution.BucketStart(at.ToUnixTimeMilliseconds()));
    }
}
