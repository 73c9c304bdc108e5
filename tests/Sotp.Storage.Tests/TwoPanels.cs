using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

/// <summary>A migrated store with one site and two alarm panels in it: what the per-panel store tests start from.</summary>
internal static class TwoPanels
{
    public static readonly Caller Admin = new(null, "test", Role.Master);

    public static async Task<(Device First, Device Second)> CreateAsync(TestStore store)
    {
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var devices = store.Get<IDeviceStore>();
        var site = await store.Get<ISiteStore>().CreateAsync(new SiteData("Bank", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        var first = await devices.CreateAsync(Panel(site.Id, "first"), Admin, CancellationToken.None);
        var second = await devices.CreateAsync(Panel(site.Id, "second"), Admin, CancellationToken.None);
        return (first, second);
    }

    private static DeviceData Panel(long siteId, string name) =>
        new(siteId, name, DeviceKind.AlarmPanel, null, null, "10.0.0.1", [], null, true, 30, 300, DeviceCredentials.None);
}
