using Sotp.Core.Devices;
using Sotp.Core.Panels;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class PanelDescriptionStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task VersionsAndNames_AreReplacedPerPanel_KeepPolishLetters_AndGoWithTheirPanel(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (first, second) = await TwoPanels.CreateAsync(store);
        var descriptions = store.Get<IPanelDescriptionStore>();
        var devices = store.Get<IDeviceStore>();
        var before = await descriptions.GetAsync(first.Id, CancellationToken.None);

        await descriptions.SaveVersionsAsync(new PanelVersions(first.Id, 3, "INTEGRA 128", "1.10 2015-01-01", 0, false, null, null, T0), CancellationToken.None);
        var upgraded = new PanelVersions(first.Id, 67, "INTEGRA 128 PLUS", "1.18 2019-03-21", 1, true, "1.11 2018-06-15", false, T0.AddHours(1));
        await descriptions.SaveVersionsAsync(upgraded, CancellationToken.None);
        await descriptions.ReplaceNamesAsync(first.Id, [new PanelName(PanelItem.Zone, 9, "Stara nazwa", 1)], T0, CancellationToken.None);
        PanelName[] names =
        [
            new(PanelItem.Partition, 1, "Biuro", 0),
            new(PanelItem.Zone, 3, "Drzwi wejściowe", 1, Partition: 1),
            new(PanelItem.Output, 2, "Syrena zewnętrz", 4),
        ];
        await descriptions.ReplaceNamesAsync(first.Id, names, T0.AddHours(1), CancellationToken.None);
        await descriptions.ReplaceNamesAsync(second.Id, [new PanelName(PanelItem.Zone, 1, "Garaż", 2)], T0, CancellationToken.None);
        var read = await descriptions.GetAsync(first.Id, CancellationToken.None);
        await devices.DeleteAsync(second.Id, second.Version, TwoPanels.Admin, CancellationToken.None);
        var gone = await descriptions.GetAsync(second.Id, CancellationToken.None);

        Assert.Equal((null, 0, null), (before.Versions, before.Names.Count, before.NamesReadAt));
        Assert.Equal(upgraded, read.Versions);
        Assert.Equal(names, read.Names.OrderBy(n => n.Item).ThenBy(n => n.Number));
        Assert.Equal(T0.AddHours(1), read.NamesReadAt);
        Assert.Equal("Drzwi wejściowe", read.Find(PanelItem.Zone, 3)?.Name);
        Assert.Null(read.Find(PanelItem.Zone, 9));
        Assert.Null(gone.Versions);
        Assert.Empty(gone.Names);
    }
}
