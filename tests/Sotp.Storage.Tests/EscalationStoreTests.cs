using Sotp.Core.Alarms;
using Sotp.Core.Errors;
using Sotp.Core.Escalation;
using Sotp.Core.Events;
using Sotp.Core.Notifications;
using Sotp.Core.Sites;
using Sotp.Storage.Inventory;
using Sotp.Storage.Notifications;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class EscalationStoreTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Policies_KeepTheirSteps_UnderVersions_WithHistory_AndReferencesChecked(StoreProvider provider)
    {
        await using var bed = await EscalationBed.CreateAsync(provider);
        var policies = bed.Policies;

        var created = await bed.PolicyAsync("Night duty", [new(5, bed.Duty.Id), new(10, bed.Supervisor.Id)], repeatEvery: 15, repeats: 2);
        var updated = await policies.UpdateAsync(created.Id, 1, created with { Name = "Night", SiteId = bed.Alarms.Site.Id, MinPriority = EventPriority.Critical },
            AlarmTestBed.Admin, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<DomainException>(() => policies.UpdateAsync(created.Id, 1, created, AlarmTestBed.Admin, CancellationToken.None));
        var taken = await Assert.ThrowsAsync<DomainException>(() => bed.PolicyAsync("NIGHT", [new(1, bed.Duty.Id)]));
        var noChannel = await Assert.ThrowsAsync<DomainException>(() => bed.PolicyAsync("other", [new(1, bed.Duty.Id), new(2, 9999)]));
        var noSite = await Assert.ThrowsAsync<DomainException>(() => bed.PolicyAsync("other", [new(1, bed.Duty.Id)], siteId: 9999));
        await policies.DeleteAsync(created.Id, 2, AlarmTestBed.Admin, CancellationToken.None);

        Assert.Equal([new EscalationStep(5, bed.Duty.Id), new EscalationStep(10, bed.Supervisor.Id)], created.Steps);
        Assert.Equal((15, 2, null, EventPriority.Low, 1L), (created.RepeatEveryMinutes, created.RepeatCount, created.SiteId, created.MinPriority, created.Version));
        Assert.Equal(("Night", bed.Alarms.Site.Id, EventPriority.Critical, 2L), (updated.Name, updated.SiteId, updated.MinPriority, updated.Version));
        Assert.Equal(ErrorCodes.VersionConflict, stale.Code);
        Assert.Equal(ErrorCodes.Conflict, taken.Code);
        Assert.Equal((ErrorCodes.UnknownReference, "steps[1].channelId"), (noChannel.Code, noChannel.Field));
        Assert.Equal((ErrorCodes.UnknownReference, "siteId"), (noSite.Code, noSite.Field));
        Assert.Null(await policies.GetAsync(created.Id, CancellationToken.None));
        Assert.Equal(["created", "updated", "deleted"], (await policies.HistoryAsync(created.Id, CancellationToken.None)).Select(h => h.Change));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnUnclaimedAlarm_NotifiesEachStepOnTime_ThenRepeatsTheLast_ThenStops(StoreProvider provider)
    {
        await using var bed = await EscalationBed.CreateAsync(provider);
        await bed.PolicyAsync("default", [new(5, bed.Duty.Id), new(10, bed.Supervisor.Id)], repeatEvery: 15, repeats: 2);
        var alarm = (await bed.Alarms.FileAsync(bed.Alarms.Event())).Alarm!;

        // Minutes after opening at which each cycle runs, and how many steps fired in it.
        var fired = new List<(double, int)>();
        foreach (var minutes in new[] { 0, 4.99, 5, 9.99, 10, 24.99, 25, 40, 55, 120 })
        {
            bed.Alarms.Time.SetUtcNow(alarm.OpenedAt.AddMinutes(minutes));
            fired.Add((minutes, await bed.Escalator.RunOnceAsync(CancellationToken.None)));
        }

        Assert.Equal([(0, 0), (4.99, 0), (5, 1), (9.99, 0), (10, 1), (24.99, 0), (25, 1), (40, 1), (55, 0), (120, 0)], fired);
        var deliveries = await bed.Deliveries.DueAsync(bed.Alarms.Time.GetUtcNow(), 20, CancellationToken.None);
        Assert.Equal([bed.Duty.Id, bed.Supervisor.Id, bed.Supervisor.Id, bed.Supervisor.Id], deliveries.Select(d => d.ChannelId));
        Assert.All(deliveries, d => Assert.Equal((NotificationEvent.Escalate, alarm.Id), (d.Event, d.Alarm.Id)));
        var log = (await bed.Alarms.Alarms.LogAsync(alarm.Id, AlarmTestBed.Admin, CancellationToken.None)).Where(l => l.Kind == AlarmLogKind.Escalation).ToList();
        Assert.Equal([
            "escalation 'default' step 1: not claimed within 5 minutes, notifying channel 'duty'",
            "escalation 'default' step 2: not claimed within 10 minutes, notifying channel 'supervisor'",
            "escalation 'default' step 2 (repeat 1): not claimed within 25 minutes, notifying channel 'supervisor'",
            "escalation 'default' step 2 (repeat 2): not claimed within 40 minutes, notifying channel 'supervisor'",
        ], log.Select(l => l.Text));
        Assert.Equal(4, (await bed.Alarms.Outbox.AfterAsync(0, 100, CancellationToken.None)).Count(m => m.Type == OutboxTypes.AlarmEscalated));
        Assert.Equal(new AlarmEscalation(alarm.Id, bed.PolicyIds[0], 4, null), await bed.Policies.ForAlarmAsync(alarm.Id, CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AClaim_HoldsTheEscalation_TakingTheAlarmInHandStopsIt_AndASecondNodeCannotFireTwice(StoreProvider provider)
    {
        await using var bed = await EscalationBed.CreateAsync(provider);
        await bed.PolicyAsync("default", [new(5, bed.Duty.Id), new(10, bed.Supervisor.Id)], repeatEvery: 15, repeats: 5);
        var alarm = (await bed.Alarms.FileAsync(bed.Alarms.Event())).Alarm!;
        var time = bed.Alarms.Time;
        await bed.Escalator.RunOnceAsync(CancellationToken.None);
        time.SetUtcNow(alarm.OpenedAt.AddMinutes(5));
        var step1 = await bed.Escalator.RunOnceAsync(CancellationToken.None);

        // Claimed just before step 2 and not confirmed: the step waits; the reaper gives the alarm back and the step goes out.
        time.SetUtcNow(alarm.OpenedAt.AddMinutes(9.9));
        alarm = await bed.Alarms.Alarms.ClaimAsync(alarm.Id, alarm.Version, AlarmTestBed.Anna, CancellationToken.None);
        time.SetUtcNow(alarm.OpenedAt.AddMinutes(10));
        var whileClaimed = await bed.Escalator.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await bed.Alarms.Alarms.RunHousekeepingAsync(CancellationToken.None);
        var afterReaper = await bed.Escalator.RunOnceAsync(CancellationToken.None);

        // A second node that read the escalation before the first moved it writes nothing.
        var state = (await bed.Policies.ForAlarmAsync(alarm.Id, CancellationToken.None))!;
        var stale = state with { Fired = state.Fired - 1 };
        var race = await bed.Policies.AdvanceAsync(stale, _ => new EscalationWrite(stale.Fired + 1, null), time.GetUtcNow(), CancellationToken.None);

        // Bob takes it in hand: no repeats any more.
        alarm = (await bed.Alarms.Alarms.GetAsync(alarm.Id, AlarmTestBed.Admin, CancellationToken.None));
        alarm = await bed.Alarms.Alarms.ClaimAsync(alarm.Id, alarm.Version, AlarmTestBed.Bob, CancellationToken.None);
        await bed.Alarms.Alarms.StartAsync(alarm.Id, alarm.Version, AlarmTestBed.Bob, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(3));
        var afterStart = await bed.Escalator.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1, 0), (step1, whileClaimed, afterReaper, afterStart));
        Assert.Null(race);
        Assert.Equal(2, (await bed.Deliveries.DueAsync(time.GetUtcNow(), 20, CancellationToken.None)).Count);
        Assert.Null((await bed.Policies.ForAlarmAsync(alarm.Id, CancellationToken.None))!.NextAt);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ASitesOwnPolicyWins_PriorityBandsApply_AndSilentAlarmsNeverEscalate(StoreProvider provider)
    {
        await using var bed = await EscalationBed.CreateAsync(provider);
        var everywhere = await bed.PolicyAsync("everywhere", [new(1, bed.Duty.Id)]);
        var siteCritical = await bed.PolicyAsync("bank critical", [new(2, bed.Supervisor.Id)], siteId: bed.Alarms.Site.Id, minPriority: EventPriority.Critical);
        var serviced = await bed.Alarms.Store.Get<ISiteStore>().CreateAsync(
            new SiteData("Branch in service", null, null, null, null, SiteStatus.Service, null, null), AlarmTestBed.Admin, CancellationToken.None);

        var high = (await bed.Alarms.FileAsync(bed.Alarms.Event("intrusion", EventPriority.High))).Alarm!;
        var critical = (await bed.Alarms.FileAsync(bed.Alarms.Event("fire", EventPriority.Critical))).Alarm!;
        var info = (await bed.Alarms.FileAsync(bed.Alarms.Event("tamper", EventPriority.Info))).Alarm!;
        var silent = (await bed.Alarms.FileAsync(bed.Alarms.Event("intrusion", EventPriority.Critical) with { SiteId = serviced.Id })).Alarm!;
        await bed.Escalator.RunOnceAsync(CancellationToken.None);

        async Task<long?> PolicyOf(Alarm alarm) => (await bed.Policies.ForAlarmAsync(alarm.Id, CancellationToken.None))!.PolicyId;
        Assert.True(silent.Silent);
        Assert.Equal<long?>([everywhere.Id, siteCritical.Id, null, null], [await PolicyOf(high), await PolicyOf(critical), await PolicyOf(info), await PolicyOf(silent)]);
        bed.Alarms.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await bed.Escalator.RunOnceAsync(CancellationToken.None));
    }

    /// <summary>An alarm test bed with two channels, the escalation store and an escalator over them.</summary>
    private sealed class EscalationBed(AlarmTestBed alarms, NotificationStore deliveries, IEscalationStore policies, Escalator escalator,
        NotificationChannel duty, NotificationChannel supervisor) : IAsyncDisposable
    {
        public AlarmTestBed Alarms => alarms;
        public NotificationStore Deliveries => deliveries;
        public IEscalationStore Policies => policies;
        public Escalator Escalator => escalator;
        public NotificationChannel Duty => duty;
        public NotificationChannel Supervisor => supervisor;
        public List<long> PolicyIds { get; } = [];

        public static async Task<EscalationBed> CreateAsync(StoreProvider provider)
        {
            var bed = await AlarmTestBed.CreateAsync(provider);
            var deliveries = new NotificationStore(bed.Store.Get<Store>(), bed.Store.Get<HistoryWriter>(), bed.Time);
            var policies = bed.Store.Get<IEscalationStore>();
            var escalator = new Escalator(policies, deliveries, bed.Store.Get<OutboxSignal>(), bed.Time);
            return new EscalationBed(bed, deliveries, policies, escalator, await ChannelAsync(deliveries, "duty"), await ChannelAsync(deliveries, "supervisor"));
        }

        public async Task<EscalationPolicy> PolicyAsync(string name, IReadOnlyList<EscalationStep> steps, int? repeatEvery = null, int repeats = 0, long? siteId = null,
            EventPriority minPriority = EventPriority.Low)
        {
            var policy = await policies.CreateAsync(new EscalationPolicy(0, name, true, siteId, minPriority, steps, repeatEvery, repeats, default, null, 0),
                AlarmTestBed.Admin, CancellationToken.None);
            PolicyIds.Add(policy.Id);
            return policy;
        }

        public ValueTask DisposeAsync() => alarms.DisposeAsync();

        private static Task<NotificationChannel> ChannelAsync(NotificationStore store, string name) => store.CreateChannelAsync(
            new(0, name, ChannelKind.Webhook, EventPriority.Info, true, "http://127.0.0.1:9/hook", null, null, null, null, null, [], null, default, 0),
            AlarmTestBed.Admin, CancellationToken.None);
    }
}
