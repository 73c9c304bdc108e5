using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Series;

namespace Sotp.Core.Tests.Series;

public class SeriesWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Rtt = new(1, "icmp.rtt_ms");

    [Fact]
    public async Task Points_ReachTheStoreInABatch_AndTheLatestValueAtOnce()
    {
        var time = new FakeTimeProvider(At);
        var store = new ScriptedStore();
        var latest = new LatestSeriesValues();
        var writer = new SeriesWriter(store, latest, time);
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);

        writer.Write(new SeriesPoint(Rtt, At, 1));
        writer.Write(new SeriesPoint(Rtt, At.AddSeconds(30), 2));

        Assert.Equal(2, latest.Get(Rtt)!.Value);
        await EventuallyAsync(time, () => store.Stored.Count == 2);
        Assert.Equal([1.0, 2.0], store.Stored.Select(p => p.Value));
        Assert.Equal(1, store.Batches);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task AFailingStore_GetsTheSameBatchAgain_UntilItTakesIt()
    {
        var time = new FakeTimeProvider(At);
        var store = new ScriptedStore { FailuresLeft = 2 };
        var writer = new SeriesWriter(store, new LatestSeriesValues(), time);
        var failures = new List<Exception>();
        writer.WriteFailed += failures.Add;
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);

        writer.Write(new SeriesPoint(Rtt, At, 1));
        await EventuallyAsync(time, () => store.Stored.Count == 1);

        Assert.Equal((2, 2L, 1L, 0L), (failures.Count, writer.Failures, writer.Written, writer.Dropped));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task OnStop_WhatIsStillQueuedIsWritten()
    {
        var store = new ScriptedStore();
        var writer = new SeriesWriter(store, new LatestSeriesValues(), new FakeTimeProvider(At));
        writer.Write(new SeriesPoint(Rtt, At, 1));
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await writer.RunAsync(stopped.Token);

        Assert.Single(store.Stored);
    }

    private static async Task EventuallyAsync(FakeTimeProvider time, Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class ScriptedStore : ISeriesStore
    {
        public List<SeriesPoint> Stored { get; } = [];

        public int Batches { get; private set; }

        public int FailuresLeft { get; set; }

        public Task<int> AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken)
        {
            if (FailuresLeft-- > 0)
            {
                throw new IOException("disk full");
            }

            lock (Stored)
            {
                Stored.AddRange(points);
                Batches++;
            }

            return Task.FromResult(points.Count);
        }

        public Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesKey key, SeriesResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<long> CountAsync(SeriesKey key, SeriesResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<SeriesKey>> ListAsync(long deviceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> DeleteOlderAsync(SeriesResolution resolution, DateTimeOffset before, int batch, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
