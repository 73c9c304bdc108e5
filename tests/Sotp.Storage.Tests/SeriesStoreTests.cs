using Sotp.Core.Series;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class SeriesStoreTests
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Rtt = new(7, "icmp.rtt_ms");

    private static async Task<(TestStore Store, ISeriesStore Series)> OpenAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        return (store, store.Get<ISeriesStore>());
    }

    private static SeriesPoint Point(SeriesKey key, TimeSpan after, double value) => new(key, Hour + after, value);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Points_ComeBackAsWritten_AndRollUpIntoTheirBuckets(StoreProvider provider)
    {
        var (store, series) = await OpenAsync(provider);
        await using var _ = store;
        // 12:00:00 .. 12:09:30 every 30 s, values 0..19: two 5-minute buckets, one hour.
        var points = Enumerable.Range(0, 20).Select(i => Point(Rtt, TimeSpan.FromSeconds(30 * i), i)).ToList();

        Assert.Equal(7, await series.AppendAsync(points[..7], CancellationToken.None));
        Assert.Equal(13, await series.AppendAsync(points[7..], CancellationToken.None)); // Same buckets, second batch: merged.

        var raw = await series.ReadAsync(Rtt, SeriesResolution.Raw, Hour, Hour.AddHours(1), CancellationToken.None);
        var fiveMinutes = await series.ReadAsync(Rtt, SeriesResolution.FiveMinutes, Hour, Hour.AddHours(1), CancellationToken.None);
        var hour = await series.ReadAsync(Rtt, SeriesResolution.Hour, Hour, Hour.AddHours(1), CancellationToken.None);

        Assert.Equal(points.Select(p => (p.At, p.Value)), raw.Select(s => (s.At, s.Avg)));
        Assert.Equal(
            [new SeriesSample(Hour, 4.5, 0, 9, 10), new SeriesSample(Hour.AddMinutes(5), 14.5, 10, 19, 10)],
            fiveMinutes);
        Assert.Equal([new SeriesSample(Hour, 9.5, 0, 19, 20)], hour);
        Assert.Equal(2, await series.CountAsync(Rtt, SeriesResolution.FiveMinutes, Hour, Hour.AddHours(1), CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ARetriedBatch_IsNotCountedTwice(StoreProvider provider)
    {
        var (store, series) = await OpenAsync(provider);
        await using var _ = store;
        var batch = new[] { Point(Rtt, TimeSpan.Zero, 1), Point(Rtt, TimeSpan.FromSeconds(30), 3), Point(Rtt, TimeSpan.FromSeconds(30), 3) };

        Assert.Equal(2, await series.AppendAsync(batch, CancellationToken.None));
        Assert.Equal(0, await series.AppendAsync(batch, CancellationToken.None));

        var hour = await series.ReadAsync(Rtt, SeriesResolution.Hour, Hour, Hour.AddHours(1), CancellationToken.None);
        Assert.Equal([new SeriesSample(Hour, 2, 1, 3, 2)], hour);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SeriesAreKeptApart_ByDeviceMetricAndLabels(StoreProvider provider)
    {
        var (store, series) = await OpenAsync(provider);
        await using var _ = store;
        var inbound = new SeriesKey(7, "if.in_bps", "if=eth0");
        var inboundOther = new SeriesKey(7, "if.in_bps", "if=eth1");
        var elsewhere = new SeriesKey(8, "icmp.rtt_ms");

        await series.AppendAsync([Point(Rtt, TimeSpan.Zero, 1), Point(inbound, TimeSpan.Zero, 2), Point(inboundOther, TimeSpan.Zero, 3), Point(elsewhere, TimeSpan.Zero, 4)], CancellationToken.None);

        Assert.Equal([Rtt, inbound, inboundOther], await series.ListAsync(7, CancellationToken.None));
        Assert.Equal(3, Assert.Single(await series.ReadAsync(inboundOther, SeriesResolution.Raw, Hour, Hour.AddMinutes(1), CancellationToken.None)).Avg);
        Assert.Empty(await series.ReadAsync(new SeriesKey(9, "icmp.rtt_ms"), SeriesResolution.Raw, Hour, Hour.AddMinutes(1), CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Retention_DeletesOnlyOlderPoints_InBatchesOfTheSizeAsked(StoreProvider provider)
    {
        var (store, series) = await OpenAsync(provider);
        await using var _ = store;
        await series.AppendAsync(Enumerable.Range(0, 10).Select(i => Point(Rtt, TimeSpan.FromMinutes(i), i)).ToList(), CancellationToken.None);
        var cutoff = Hour.AddMinutes(7);

        Assert.Equal(4, await series.DeleteOlderAsync(SeriesResolution.Raw, cutoff, batch: 4, CancellationToken.None));
        Assert.Equal(3, await series.DeleteOlderAsync(SeriesResolution.Raw, cutoff, batch: 4, CancellationToken.None));
        Assert.Equal(0, await series.DeleteOlderAsync(SeriesResolution.Raw, cutoff, batch: 4, CancellationToken.None));

        var left = await series.ReadAsync(Rtt, SeriesResolution.Raw, Hour, Hour.AddHours(1), CancellationToken.None);
        Assert.Equal([7.0, 8, 9], left.Select(s => s.Avg));
        Assert.Single(await series.ReadAsync(Rtt, SeriesResolution.Hour, Hour, Hour.AddHours(1), CancellationToken.None));
    }
}
