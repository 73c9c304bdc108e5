using Sotp.Core.Events;
using Sotp.Core.Notifications;
using Sotp.Storage.Inventory;
using Sotp.Storage.Notifications;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class NotificationStoreTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AlarmChanges_ArePlannedOnce_PerMatchingChannel_AndResolvesGoOnlyWhereTriggered(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var store = new NotificationStore(bed.Store.Get<Store>(), bed.Store.Get<HistoryWriter>(), bed.Time);
        var planner = new NotificationPlanner(bed.Outbox, store, bed.Time);
        var hook = await store.CreateChannelAsync(Channel("hook", ChannelKind.Webhook, EventPriority.High), AlarmTestBed.Admin, CancellationToken.None);
        var slack = await store.CreateChannelAsync(Channel("slack", ChannelKind.Slack, EventPriority.Medium), AlarmTestBed.Admin, CancellationToken.None);
        await store.CreateChannelAsync(Channel("only critical", ChannelKind.Webhook, EventPriority.Critical), AlarmTestBed.Admin, CancellationToken.None);
        await store.CreateChannelAsync(Channel("off", ChannelKind.Webhook, EventPriority.Info) with { Enabled = false }, AlarmTestBed.Admin, CancellationToken.None);

        var alarm = (await bed.FileAsync(bed.Event(priority: EventPriority.High))).Alarm!;
        await planner.PlanAsync(CancellationToken.None);
        await planner.PlanAsync(CancellationToken.None);
        // A second node that read the same outbox row plans it again: the unique (channel, alarm, event) keeps one.
        await store.PlanAsync([new PlannedDelivery(hook.Id, NotificationEvent.Trigger, alarm)], 1, bed.Time.GetUtcNow(), CancellationToken.None);
        var triggers = await store.DueAsync(bed.Time.GetUtcNow(), 10, CancellationToken.None);

        alarm = await bed.HandleToAckAsync(alarm, AlarmTestBed.Anna, "checked");
        await bed.Alarms.ResolveAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, CancellationToken.None);
        await planner.PlanAsync(CancellationToken.None);
        var all = await store.DueAsync(bed.Time.GetUtcNow(), 10, CancellationToken.None);

        Assert.Equal([(hook.Id, NotificationEvent.Trigger), (slack.Id, NotificationEvent.Trigger)], triggers.Select(d => (d.ChannelId, d.Event)).Order());
        Assert.Equal(hook.Id, Assert.Single(all, d => d.Event == NotificationEvent.Resolve).ChannelId);
        Assert.Equal(3, all.Count);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ADelivery_IsClaimedByOneDispatcher_AndWaitsForItsBackOff(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var store = new NotificationStore(bed.Store.Get<Store>(), bed.Store.Get<HistoryWriter>(), bed.Time);
        var hook = await store.CreateChannelAsync(Channel("hook", ChannelKind.Webhook, EventPriority.Info), AlarmTestBed.Admin, CancellationToken.None);
        var alarm = (await bed.FileAsync(bed.Event())).Alarm!;
        await new NotificationPlanner(bed.Outbox, store, bed.Time).PlanAsync(CancellationToken.None);
        var now = bed.Time.GetUtcNow();
        var delivery = Assert.Single(await store.DueAsync(now, 10, CancellationToken.None));

        var claims = new[]
        {
            await store.ClaimAsync(delivery, now, now.AddSeconds(30), CancellationToken.None),
            await store.ClaimAsync(delivery, now, now.AddSeconds(30), CancellationToken.None),
        };
        await store.RecordAttemptAsync(delivery, new NotificationAttempt(0, alarm.Id, hook.Id, hook.Name, hook.Kind, NotificationEvent.Trigger, 1, now,
            DeliveryStatus.Retrying, "HTTP 500", "down"), now.AddSeconds(10), CancellationToken.None);

        Assert.Equal([true, false], claims);
        Assert.Empty(await store.DueAsync(now.AddSeconds(9), 10, CancellationToken.None));
        var retry = Assert.Single(await store.DueAsync(now.AddSeconds(10), 10, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Retrying, 1), (retry.Status, retry.Attempts));
        var line = Assert.Single(await store.AttemptsAsync(alarm.Id, CancellationToken.None));
        Assert.Equal(("hook", DeliveryStatus.Retrying, "HTTP 500", "down"), (line.ChannelName, line.Status, line.Response, line.Error));
    }

    private static NotificationChannel Channel(string name, ChannelKind kind, EventPriority minPriority) =>
        new(0, name, kind, minPriority, true, "http://127.0.0.1:9/hook", null, null, null, null, null, [], null, default, 0);
}
