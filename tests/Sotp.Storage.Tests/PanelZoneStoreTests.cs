using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Panels;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class PanelZoneStoreTests
{
    private static readonly Caller Admin = new(null, "test", Role.Master);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Overrides_AreSetReplacedAndRemoved_PerPanel_AndGoWithTheirPanel(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var zones = store.Get<IPanelZoneStore>();
        var devices = store.Get<IDeviceStore>();
        var site = await store.Get<ISiteStore>().CreateAsync(new SiteData("Bank", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        var first = await devices.CreateAsync(Panel(site.Id, "first"), Admin, CancellationToken.None);
        var second = await devices.CreateAsync(Panel(site.Id, "second"), Admin, CancellationToken.None);

        var none = await zones.SetOverrideAsync(first.Id, 3, EventPriority.Low, CancellationToken.None);
        var low = await zones.SetOverrideAsync(first.Id, 3, EventPriority.Medium, CancellationToken.None);
        await zones.SetOverrideAsync(first.Id, 4, EventPriority.Info, CancellationToken.None);
        await zones.SetOverrideAsync(second.Id, 3, EventPriority.High, CancellationToken.None);
        var info = await zones.SetOverrideAsync(first.Id, 4, null, CancellationToken.None);
        var set = await zones.AllOverridesAsync(CancellationToken.None);
        await devices.DeleteAsync(second.Id, second.Version, Admin, CancellationToken.None);
        var afterDelete = await zones.AllOverridesAsync(CancellationToken.None);

        Assert.Equal((null, EventPriority.Low, EventPriority.Info), (none, low, info));
        Assert.Equal(new Dictionary<int, EventPriority> { [3] = EventPriority.Medium }, set[first.Id]);
        Assert.Equal(new Dictionary<int, EventPriority> { [3] = EventPriority.High }, set[second.Id]);
        Assert.Equal([first.Id], afterDelete.Keys);
    }

    private static DeviceData Panel(long siteId, string name) =>
        new(siteId, name, DeviceKind.AlarmPanel, null, null, "10.0.0.1", [], null, true, 30, 300, DeviceCredentials.None);
}
