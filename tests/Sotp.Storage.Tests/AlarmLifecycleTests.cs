using Sotp.Core.Alarms;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class AlarmLifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Events_OpenJoinAndDeduplicate_WithinTheBundleWindow(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);

        var first = await bed.FileAsync(bed.Event(priority: EventPriority.Medium, dedupKey: "panel1:zone_alarm:3:0300"));
        var repeat = await bed.FileAsync(bed.Event(dedupKey: "panel1:zone_alarm:3:0300"));
        bed.Time.Advance(TimeSpan.FromMinutes(10));
        var joined = await bed.FileAsync(bed.Event(priority: EventPriority.Critical));
        var otherCategory = await bed.FileAsync(bed.Event(category: "tamper"));
        bed.Time.Advance(TimeSpan.FromMinutes(16));
        var afterWindow = await bed.FileAsync(bed.Event());

        Assert.Equal(IngestResult.Opened, first.Result);
        Assert.Equal((IngestResult.Duplicate, first.EventId), (repeat.Result, repeat.EventId));
        Assert.Equal(IngestResult.Joined, joined.Result);
        Assert.Equal(first.Alarm!.Id, joined.Alarm!.Id);
        Assert.Equal((2, EventPriority.Critical), (joined.Alarm.EventCount, joined.Alarm.Priority)); // The most urgent event sets the priority.
        Assert.NotEqual(first.Alarm.Id, otherCategory.Alarm!.Id);
        Assert.Equal(IngestResult.Opened, afterWindow.Result);
        var events = await bed.Alarms.EventsAsync(first.Alarm.Id, AlarmTestBed.Admin, None);
        Assert.Equal([1, 0], events.Select(e => e.Repeats));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnAlarm_GoesThroughEveryState_AndLogsEachStep(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var alarm = (await bed.FileAsync(bed.Event())).Alarm!;

        alarm = await bed.Alarms.ClaimAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, None);
        Assert.Equal((AlarmState.Claiming, "anna"), (alarm.State, alarm.ClaimedByName));
        alarm = await bed.Alarms.StartAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, None);
        bed.Time.Advance(TimeSpan.FromMinutes(2));
        alarm = await bed.Alarms.AcknowledgeAsync(alarm.Id, alarm.Version, "police called", AlarmTestBed.Anna, None);
        Assert.Equal(TimeSpan.FromMinutes(2), alarm.TimeToAck);
        alarm = await bed.Alarms.AddNoteAsync(alarm.Id, "patrol on site", AlarmTestBed.Anna, None);
        alarm = await bed.Alarms.ResolveAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, None);
        alarm = await bed.Alarms.CloseAsync(alarm.Id, alarm.Version, AlarmTestBed.Bob, None);

        Assert.Equal((AlarmState.Closed, 7L), (alarm.State, alarm.Version));
        Assert.Equal(alarm, await bed.Alarms.GetAsync(alarm.Id, AlarmTestBed.Admin, None));
        var log = await bed.Alarms.LogAsync(alarm.Id, AlarmTestBed.Admin, None);
        Assert.Equal(
            [AlarmLogKind.Event, AlarmLogKind.Transition, AlarmLogKind.Transition, AlarmLogKind.Transition, AlarmLogKind.Note, AlarmLogKind.Transition, AlarmLogKind.Transition],
            log.Select(entry => entry.Kind));
        Assert.Contains("police called", log[3].Text);
        Assert.Equal(("bob", 11L), (log[^1].ActorName, log[^1].ActorId!.Value));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task StaleVersions_SecondClaims_AndWrongOrder_AreRefused(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var alarm = (await bed.FileAsync(bed.Event())).Alarm!;
        var claimed = await bed.Alarms.ClaimAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, None);

        var stale = await Assert.ThrowsAsync<DomainException>(() => bed.Alarms.ClaimAsync(alarm.Id, alarm.Version, AlarmTestBed.Bob, None));
        var taken = await Assert.ThrowsAsync<DomainException>(() => bed.Alarms.ClaimAsync(alarm.Id, claimed.Version, AlarmTestBed.Bob, None));
        var notTheirs = await Assert.ThrowsAsync<DomainException>(() => bed.Alarms.StartAsync(alarm.Id, claimed.Version, AlarmTestBed.Bob, None));
        var early = await Assert.ThrowsAsync<DomainException>(() => bed.Alarms.ResolveAsync(alarm.Id, claimed.Version, AlarmTestBed.Anna, None));
        var noVersion = await Assert.ThrowsAsync<DomainException>(() => bed.Alarms.StartAsync(alarm.Id, null, AlarmTestBed.Anna, None));

        Assert.Equal(ErrorCodes.VersionConflict, stale.Code);
        Assert.Equal(ErrorCodes.AlarmClaimed, taken.Code);
        Assert.Equal(ErrorCodes.AlarmClaimed, notTheirs.Code);
        Assert.Equal(ErrorCodes.InvalidTransition, early.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, noVersion.Code);
        Assert.Equal(claimed, await bed.Alarms.GetAsync(alarm.Id, AlarmTestBed.Admin, None)); // Nothing refused left a trace.
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ATemperatureAlarm_NeedsANoteToBeAcknowledged(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var alarm = (await bed.FileAsync(bed.Event(category: "temperature"))).Alarm!;
        Assert.True(alarm.RequiresNote);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => bed.HandleToAckAsync(alarm, AlarmTestBed.Anna, note: "  "));
        var acked = await bed.Alarms.AcknowledgeAsync(alarm.Id, alarm.Version + 2, "door of the cold room closed", AlarmTestBed.Anna, None);

        Assert.Contains("note", refused.Errors.Keys);
        Assert.Equal((AlarmState.Ack, "door of the cold room closed"), (acked.State, acked.AckNote));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnUnconfirmedClaim_ReturnsToTheQueue_AndAQuietResolvedAlarmCloses(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var abandoned = (await bed.FileAsync(bed.Event(category: "intrusion"))).Alarm!;
        var handled = (await bed.FileAsync(bed.Event(category: "fire"))).Alarm!;
        await bed.Alarms.ClaimAsync(abandoned.Id, abandoned.Version, AlarmTestBed.Anna, None);
        handled = await bed.HandleToAckAsync(handled, AlarmTestBed.Bob);
        handled = await bed.Alarms.ResolveAsync(handled.Id, handled.Version, AlarmTestBed.Bob, None);

        bed.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await bed.Alarms.RunHousekeepingAsync(None));
        bed.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await bed.Alarms.RunHousekeepingAsync(None));
        var returned = await bed.Alarms.GetAsync(abandoned.Id, AlarmTestBed.Admin, None);
        Assert.Equal((AlarmState.New, null), (returned.State, returned.ClaimedByName));

        bed.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await bed.Alarms.RunHousekeepingAsync(None));
        Assert.Equal(AlarmState.Closed, (await bed.Alarms.GetAsync(handled.Id, AlarmTestBed.Admin, None)).State);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnEventAfterResolved_OpensANewAlarm_AndSignalsOpenNone(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var alarm = (await bed.FileAsync(bed.Event())).Alarm!;
        alarm = await bed.HandleToAckAsync(alarm, AlarmTestBed.Anna);
        await bed.Alarms.ResolveAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, None);

        var retrigger = await bed.FileAsync(bed.Event());
        var restore = await bed.FileAsync(bed.Event(kind: EventKind.Signal, code: "zone_restore"));

        Assert.Equal(IngestResult.Opened, retrigger.Result);
        Assert.NotEqual(alarm.Id, retrigger.Alarm!.Id);
        Assert.Equal((IngestResult.Signal, null), (restore.Result, restore.Alarm));
        var siteEvents = await bed.Store.Get<IAlarmStore>().SiteEventsAsync(bed.Site.Id, 1, 10, None);
        Assert.Equal(["zone_restore", "zone_alarm", "zone_alarm"], siteEvents.Items.Select(e => e.Code));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ServiceMode_LowersThePriority_AndSilencesTheAlarm(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var sites = bed.Store.Get<Core.Sites.ISiteStore>();
        var site = await sites.GetAsync(bed.Site.Id, None);
        await sites.UpdateAsync(site!.Id, site.Version, new Core.Sites.SiteData(site.Name, null, null, null, null, Core.Sites.SiteStatus.Active, null,
            new Core.Sites.ServiceMode(bed.Time.GetUtcNow().AddMinutes(-1), null, "installer on site")), AlarmTestBed.Admin, None);

        var alarm = (await bed.FileAsync(bed.Event(priority: EventPriority.Critical))).Alarm!;

        Assert.Equal((EventPriority.High, true), (alarm.Priority, alarm.Silent));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task EventsForUnknownPlaces_OrWithBadFields_AreRefused_AndStoreNothing(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var otherSite = await bed.Store.Get<Core.Sites.ISiteStore>().CreateAsync(
            new Core.Sites.SiteData("Depot", null, null, null, null, Core.Sites.SiteStatus.Active, null, null), AlarmTestBed.Admin, None);
        var device = await bed.DeviceAsync("sw1");

        var unknownDevice = await Assert.ThrowsAsync<DomainException>(() => bed.FileAsync(bed.Event(deviceId: 999)));
        var unknownSite = await Assert.ThrowsAsync<DomainException>(() => bed.FileAsync(bed.Event() with { SiteId = 999 }));
        var mismatch = await Assert.ThrowsAsync<DomainException>(() => bed.FileAsync(bed.Event(deviceId: device.Id) with { SiteId = otherSite.Id }));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => bed.FileAsync(bed.Event() with
        {
            Category = "Intrusion!", Message = "", DedupKey = "", OccurredAt = bed.Time.GetUtcNow().AddHours(1), Priority = (EventPriority)42,
        }));

        Assert.All([unknownDevice, unknownSite, mismatch], e => Assert.Equal((ErrorKind.Unprocessable, ErrorCodes.UnknownReference), (e.Kind, e.Code)));
        Assert.Equal(["category", "dedupKey", "message", "occurredAt", "priority"], invalid.Errors.Keys.Order());
        Assert.Equal(0, (await bed.Alarms.ListAsync(null, null, null, null, 1, 10, AlarmTestBed.Admin, None)).Total);
        Assert.Empty(await bed.Outbox.PendingAsync(10, None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ADeviceBehindADownParent_IsFiledAsAffected_UnderTheParentsAlarm(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        var core = await bed.DeviceAsync("core-sw");
        var access1 = await bed.DeviceAsync("access-1", core.Id);
        var access2 = await bed.DeviceAsync("access-2", core.Id);
        var board = bed.Store.Get<Core.Monitoring.DeviceStatusBoard>();
        board.Report(new Core.Monitoring.DeviceState(core.Id, Core.Monitoring.DeviceStatus.Down, null, null, null, 100, null), null);

        var parentAlarm = (await bed.FileAsync(bed.Event(category: "availability", deviceId: core.Id, code: "device_down"))).Alarm!;
        var first = await bed.FileAsync(bed.Event(category: "availability", deviceId: access1.Id, code: "device_down"));
        var second = await bed.FileAsync(bed.Event(category: "availability", deviceId: access2.Id, code: "device_down"));

        Assert.Equal((IngestResult.Affected, IngestResult.Affected), (first.Result, second.Result));
        Assert.Equal(parentAlarm.Id, second.Alarm!.Id);
        Assert.Equal([access1.Id, access2.Id], second.Alarm.AffectedDeviceIds);
        Assert.Equal("core-sw: device_down in availability (2 devices affected)", second.Alarm.Title);
        Assert.Single((await bed.Alarms.ListAsync("open", null, null, null, 1, 10, AlarmTestBed.Admin, None)).Items);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ConcurrentEvents_OpenOneAlarm_AndNumberTheOutboxWithoutGaps(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => bed.FileAsync(bed.Event()))));

        Assert.Equal(1, outcomes.Count(o => o.Result == IngestResult.Opened));
        Assert.Single(outcomes.Select(o => o.Alarm!.Id).Distinct());
        Assert.Equal(40, (await bed.Alarms.GetAsync(outcomes[0].Alarm!.Id, AlarmTestBed.Admin, None)).EventCount);
        var outbox = await bed.Outbox.PendingAsync(100, None);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), outbox.Select(m => m.Seq));
        Assert.Equal(OutboxTypes.AlarmOpened, outbox[0].Type);
        Assert.All(outbox.Skip(1), m => Assert.Equal(OutboxTypes.AlarmChanged, m.Type));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TheOutbox_IsMarkedSentInOrder_AndPurgingKeepsTheNewestSeq(StoreProvider provider)
    {
        await using var bed = await AlarmTestBed.CreateAsync(provider);
        for (var i = 0; i < 5; i++)
        {
            await bed.FileAsync(bed.Event(category: $"c{i}"));
        }

        await bed.Outbox.MarkSentAsync(3, bed.Time.GetUtcNow(), None);
        Assert.Equal((3L, 2L), await bed.Outbox.PositionAsync(None));
        Assert.Equal([4L, 5L], (await bed.Outbox.PendingAsync(10, None)).Select(m => m.Seq));
        await bed.Outbox.MarkSentAsync(5, bed.Time.GetUtcNow(), None);
        bed.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(4, await bed.Outbox.PurgeAsync(bed.Time.GetUtcNow().AddHours(-2), None));

        await bed.FileAsync(bed.Event(category: "after"));
        Assert.Equal([5L, 6L], (await bed.Outbox.AfterAsync(0, 10, None)).Select(m => m.Seq));
    }
}
