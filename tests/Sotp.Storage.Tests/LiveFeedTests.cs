using Sotp.Core.Alarms;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class LiveFeedTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static LiveFeed Feed(AlarmTestBed bed) => new(bed.Outbox, bed.Store.Get<AlarmMetrics>(), bed.Time);

    private static async Task<List<long>> DrainAsync(LiveSubscription subscription)
    {
        var seqs = new List<long>();
        while (subscription.Reader.TryRead(out var message))
        {
            seqs.Add(message.Seq);
        }

        return await Task.FromResult(seqs);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AClientBehindTheRing_GetsTheGapFromTheStore_ThenLiveMessages(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        for (var i = 0; i < 3; i++)
        {
            await bed.FileAsync(bed.Event(category: $"c{i}"));
        }

        await bed.Outbox.MarkSentAsync(3, bed.Time.GetUtcNow(), None);
        var feed = Feed(bed);
        feed.Resume(3); // As after a restart: 1..3 were delivered before, the ring is empty.
        await bed.FileAsync(bed.Event(category: "c3"));

        using var subscription = await feed.SubscribeAsync(since: 1, _ => true, None);
        foreach (var message in await bed.Outbox.PendingAsync(10, None))
        {
            feed.Publish(message);
            feed.Publish(message); // A replayed message is delivered once.
        }

        Assert.Equal([2L, 3L, 4L], await DrainAsync(subscription));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task WhatIsNoLongerKept_IsAnOverflow_WithAJitteredRetry(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        for (var i = 0; i < 3; i++)
        {
            await bed.FileAsync(bed.Event(category: $"c{i}"));
        }

        await bed.Outbox.MarkSentAsync(3, bed.Time.GetUtcNow(), None);
        var feed = Feed(bed);
        feed.Resume(3);
        var written = bed.Time.GetUtcNow();
        bed.Time.Advance(TimeSpan.FromHours(1));

        await bed.Outbox.PurgeAsync(written.AddSeconds(1), None); // Rows 1 and 2 go; 3, the newest, stays.
        var purged = await Assert.ThrowsAsync<ReplayOverflowException>(() => feed.SubscribeAsync(0, _ => true, None));
        using var current = await feed.SubscribeAsync(2, _ => true, None);
        bed.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var tooOld = await Assert.ThrowsAsync<ReplayOverflowException>(() => feed.SubscribeAsync(2, _ => true, None));

        Assert.InRange(tooOld.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.NotNull(purged);
        Assert.Equal([3L], await DrainAsync(current));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ASubscriber_SeesOnlyTheSitesItMaySee_InSeqOrder(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var feed = Feed(bed);
        using var all = await feed.SubscribeAsync(null, _ => true, None);
        using var none = await feed.SubscribeAsync(null, siteId => siteId != bed.Site.Id, None);
        for (var i = 0; i < 5; i++)
        {
            await bed.FileAsync(bed.Event(category: $"c{i}"));
        }

        foreach (var message in await bed.Outbox.PendingAsync(10, None))
        {
            feed.Publish(message);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], await DrainAsync(all));
        Assert.Empty(await DrainAsync(none));
        Assert.Equal(2, feed.SubscriberCount);
    }
}
