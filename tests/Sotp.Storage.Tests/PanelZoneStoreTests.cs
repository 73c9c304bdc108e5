using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Panels;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class PanelZoneStoreTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Overrides_AreSetReplacedAndRemoved_PerPanel_AndGoWithTheirPanel(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (first, second) = await TwoPanels.CreateAsync(store);
        var zones = store.Get<IPanelZoneStore>();
        var devices = store.Get<IDeviceStore>();

        var none = await zones.SetOverrideAsync(first.Id, 3, EventPriority.Low, CancellationToken.None);
        var low = await zones.SetOverrideAsync(first.Id, 3, EventPriority.Medium, CancellationToken.None);
        await zones.SetOverrideAsync(first.Id, 4, EventPriority.Info, CancellationToken.None);
        await zones.SetOverrideAsync(second.Id, 3, EventPriority.High, CancellationToken.None);
        var info = await zones.SetOverrideAsync(first.Id, 4, null, CancellationToken.None);
        var set = await zones.AllOverridesAsync(CancellationToken.None);
        await devices.DeleteAsync(second.Id, second.Version, TwoPanels.Admin, CancellationToken.None);
        var afterDelete = await zones.AllOverridesAsync(CancellationToken.None);

        Assert.Equal((null, EventPriority.Low, EventPriority.Info), (none, low, info));
        Assert.Equal(new Dictionary<int, EventPriority> { [3] = EventPriority.Medium }, set[first.Id]);
        Assert.Equal(new Dictionary<int, EventPriority> { [3] = EventPriority.High }, set[second.Id]);
        Assert.Equal([first.Id], afterDelete.Keys);
    }
}
