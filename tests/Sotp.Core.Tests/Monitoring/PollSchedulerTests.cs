using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Monitoring;

namespace Sotp.Core.Tests.Monitoring;

/// <summary>
/// Drives the scheduler with fake time: each test advances the clock to exactly the next expected turn and awaits
/// the probe before moving on, so nothing depends on how fast this machine is.
/// </summary>
public sealed class PollSchedulerTests : IAsyncDisposable
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));
    private readonly Channel<(long Key, DateTimeOffset Due)> _probes = Channel.CreateUnbounded<(long, DateTimeOffset)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly PollScheduler _scheduler;
    private Task? _loop;

    public PollSchedulerTests() => _scheduler = new PollScheduler(_time, maxInFlight: 10);

    [Fact]
    public void Offsets_SpreadKeysEvenlyAcrossTheInterval()
    {
        var interval = TimeSpan.FromSeconds(30);

        var buckets = Enumerable.Range(1, 1000)
            .Select(key => PollScheduler.Offset(key, interval))
            .GroupBy(offset => (int)(offset.TotalSeconds / 3))
            .ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(10, buckets.Count);
        Assert.All(buckets.Values, count => Assert.InRange(count, 80, 120));
        Assert.All(Enumerable.Range(1, 1000), key => Assert.InRange(PollScheduler.Offset(key, interval), TimeSpan.Zero, interval));
    }

    [Fact]
    public async Task AKey_IsProbedAtItsOffsetThenEveryInterval()
    {
        var start = _time.GetUtcNow();
        var offset = PollScheduler.Offset(1, Ten);
        _scheduler.Upsert(1, Ten);
        Start(Record);

        var dues = new List<DateTimeOffset>();
        _time.Advance(offset);
        dues.Add((await NextAsync()).Due);
        for (var turn = 1; turn < 4; turn++)
        {
            _time.Advance(Ten);
            dues.Add((await NextAsync()).Due);
        }

        Assert.Equal(Enumerable.Range(0, 4).Select(turn => start + offset + turn * Ten), dues);
    }

    [Fact]
    public async Task ATurnExactlyOneMillisecondLate_StillRuns()
    {
        // One millisecond late is Timeout.InfiniteTimeSpan's value: it once made the loop sleep until the next
        // inventory change, and 10,000 devices hit it within a minute (bench/icmp-soak).
        _scheduler.Upsert(1, Ten);
        Start(Record);

        _time.Advance(PollScheduler.Offset(1, Ten) + TimeSpan.FromMilliseconds(1));
        var probed = await NextAsync();

        Assert.Equal(1, probed.Key);
    }

    [Fact]
    public async Task ARemovedKey_IsNoLongerProbed()
    {
        _scheduler.Upsert(1, Ten);
        Start(Record);
        _time.Advance(PollScheduler.Offset(1, Ten));
        await NextAsync();

        _scheduler.Remove(1);
        _time.Advance(Ten + TimeSpan.FromSeconds(1));
        var quarter = TimeSpan.FromSeconds(25);
        _scheduler.Upsert(2, quarter);
        _time.Advance(PollScheduler.Offset(2, quarter));
        // Key 1's old turn was due before key 2's, so had it run it would be read first.
        var next = await NextAsync();

        Assert.Equal(2, next.Key);
        Assert.Equal(1, _scheduler.Count);
    }

    [Fact]
    public async Task AChangedInterval_TakesEffectWithoutARestart()
    {
        _scheduler.Upsert(1, Ten);
        Start(Record);
        _time.Advance(PollScheduler.Offset(1, Ten));
        await NextAsync();

        var changedAt = _time.GetUtcNow();
        var minute = TimeSpan.FromMinutes(1);
        _scheduler.Upsert(1, minute);
        _time.Advance(PollScheduler.Offset(1, minute));
        var first = await NextAsync();
        _time.Advance(minute);
        var second = await NextAsync();

        Assert.Equal(changedAt + PollScheduler.Offset(1, minute), first.Due);
        Assert.Equal(minute, second.Due - first.Due);
    }

    [Fact]
    public async Task AProbeStillRunningAtItsNextTurn_IsNotStartedTwice()
    {
        var release = new TaskCompletionSource();
        var skipped = Channel.CreateUnbounded<long>();
        _scheduler.TurnSkipped += key => skipped.Writer.TryWrite(key);
        _scheduler.Upsert(1, Ten);
        Start(async (key, due, ct) =>
        {
            await Record(key, due, ct);
            await release.Task;
        });
        _time.Advance(PollScheduler.Offset(1, Ten));
        await NextAsync();

        _time.Advance(Ten);
        var skippedKey = await skipped.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        _time.Advance(Ten);
        var third = await NextAsync();

        Assert.Equal(1, skippedKey);
        Assert.Equal(1, third.Key);
    }

    [Fact]
    public async Task AProbeThatThrows_IsReported_AndTheKeyKeepsItsTurns()
    {
        var failures = Channel.CreateUnbounded<Exception>();
        _scheduler.ProbeFailed += (_, ex) => failures.Writer.TryWrite(ex);
        _scheduler.Upsert(1, Ten);
        var calls = 0;
        Start(async (key, due, ct) =>
        {
            await Record(key, due, ct);
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("socket closed");
            }
        });
        _time.Advance(PollScheduler.Offset(1, Ten));
        await NextAsync();
        var failure = await failures.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        _time.Advance(Ten);
        var again = await NextAsync();

        Assert.Equal("socket closed", failure.Message);
        Assert.Equal(1, again.Key);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(10)));
        }

        _stop.Dispose();
    }

    private void Start(Func<long, DateTimeOffset, CancellationToken, Task> probe) => _loop = Task.Run(() => _scheduler.RunAsync(probe, _stop.Token));

    private Task Record(long key, DateTimeOffset due, CancellationToken cancellationToken)
    {
        _probes.Writer.TryWrite((key, due));
        return Task.CompletedTask;
    }

    // The timeout only keeps a broken scheduler from hanging the run; no test measures time.
    private async Task<(long Key, DateTimeOffset Due)> NextAsync() =>
        await _probes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
