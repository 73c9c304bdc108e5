using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

/// <summary>A migrated store of one provider with a fake clock, a site and helpers to send events and act as operators.</summary>
internal sealed class AlarmTestBed : IAsyncDisposable
{
    public static readonly Caller Admin = new(1, "admin", Role.Admin);
    public static readonly Caller Anna = new(10, "anna", Role.Operator);
    public static readonly Caller Bob = new(11, "bob", Role.Operator);

    private int _dedup;

    private AlarmTestBed(TestStore store, FakeTimeProvider time, Site site)
    {
        Store = store;
        Time = time;
        Site = site;
    }

    public TestStore Store { get; }

    public FakeTimeProvider Time { get; }

    public Site Site { get; }

    public EventIntake Intake => Store.Get<EventIntake>();

    public AlarmService Alarms => Store.Get<AlarmService>();

    public IOutboxStore Outbox => Store.Get<IOutboxStore>();

    public static async Task<AlarmTestBed> CreateAsync(StoreProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        var store = await TestStore.CreateAsync(provider, services => services.AddSingleton<TimeProvider>(time));
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var site = await store.Get<ISiteStore>().CreateAsync(new SiteData("Bank Main St", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        return new AlarmTestBed(store, time, site);
    }

    public Task<Device> DeviceAsync(string name, long? parentId = null, long? siteId = null) =>
        Store.Get<IDeviceStore>().CreateAsync(new DeviceData(siteId ?? Site.Id, name, DeviceKind.Switch, null, null, "192.0.2.1", [], parentId, true, 30, 300, DeviceCredentials.None),
            Admin, CancellationToken.None);

    public EventInput Event(string category = "intrusion", EventPriority priority = EventPriority.High, EventKind kind = EventKind.Alarm,
        long? deviceId = null, string? dedupKey = null, string code = "zone_alarm") =>
        new("test", deviceId is null ? Site.Id : null, deviceId, null, category, code, priority, kind, $"{code} in {category}", Time.GetUtcNow(),
            dedupKey ?? $"test:{Interlocked.Increment(ref _dedup)}");

    public Task<IngestOutcome> FileAsync(EventInput input) => Intake.FileAsync(input, CancellationToken.None);

    public async Task<Alarm> HandleToAckAsync(Alarm alarm, Caller caller, string? note = null)
    {
        alarm = await Alarms.ClaimAsync(alarm.Id, alarm.Version, caller, CancellationToken.None);
        alarm = await Alarms.StartAsync(alarm.Id, alarm.Version, caller, CancellationToken.None);
        return await Alarms.AcknowledgeAsync(alarm.Id, alarm.Version, note, caller, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
