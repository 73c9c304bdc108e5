using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class DevicePollTargetsTests
{
    private static readonly Caller Admin = new(null, "test", Role.Master);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task PollTargets_AreTheEnabledDevices_WithTheirIntervals(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var devices = store.Get<IDeviceStore>();
        var site = await store.Get<ISiteStore>().CreateAsync(new SiteData("Core", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        var router = await devices.CreateAsync(Device(site.Id, "router", "10.0.0.1", enabled: true) with { IcmpIntervalSeconds = 10 }, Admin, CancellationToken.None);
        await devices.CreateAsync(Device(site.Id, "spare", "10.0.0.2", enabled: false), Admin, CancellationToken.None);
        var server = await devices.CreateAsync(Device(site.Id, "server", "srv.example", enabled: true) with { ParentId = router.Id }, Admin, CancellationToken.None);

        var targets = await devices.PollTargetsAsync(CancellationToken.None);

        Assert.Equal(
            [new PollTarget(router.Id, site.Id, null, "10.0.0.1", 10, 300), new PollTarget(server.Id, site.Id, router.Id, "srv.example", 30, 300)],
            targets);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task EveryDeviceChange_WakesTheCollectors(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var devices = store.Get<IDeviceStore>();
        var changes = store.Get<InventoryChanges>();
        var site = await store.Get<ISiteStore>().CreateAsync(new SiteData("Core", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        // An hour of "timeout": if the wait ends, it was the signal.
        var hour = TimeSpan.FromHours(1);

        var created = changes.WaitAsync(changes.Version, hour, TimeProvider.System, CancellationToken.None);
        var device = await devices.CreateAsync(Device(site.Id, "router", "10.0.0.1", enabled: true), Admin, CancellationToken.None);
        await created.WaitAsync(TimeSpan.FromSeconds(30));

        var updated = changes.WaitAsync(changes.Version, hour, TimeProvider.System, CancellationToken.None);
        device = await devices.UpdateAsync(device.Id, device.Version, Device(site.Id, "router", "10.0.0.9", enabled: true), Admin, CancellationToken.None);
        await updated.WaitAsync(TimeSpan.FromSeconds(30));

        var deleted = changes.WaitAsync(changes.Version, hour, TimeProvider.System, CancellationToken.None);
        await devices.DeleteAsync(device.Id, device.Version, Admin, CancellationToken.None);
        await deleted.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(deleted.IsCompletedSuccessfully);
    }

    private static DeviceData Device(long siteId, string name, string address, bool enabled) =>
        new(siteId, name, DeviceKind.Router, null, null, address, [], null, enabled, 30, 300, DeviceCredentials.None);
}
