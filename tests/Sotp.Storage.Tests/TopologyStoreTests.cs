using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Sites;
using Sotp.Core.Topology;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class TopologyStoreTests
{
    private static readonly Caller Admin = new(null, "test", Role.Master);
    private static readonly DateTimeOffset Seen = new(2026, 12, 2, 5, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Replace_KeepsExactlyTheReportedLinks_AndALinkNoLongerReportedIsGone(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (core, access, server) = await ThreeDevicesAsync(store);
        var topology = store.Get<ITopologyStore>();

        await topology.ReplaceAsync(core, [new(core, "Gi0/1", access, "Gi0/48", Seen), new(core, "Gi0/2", server, null, Seen)], CancellationToken.None);
        await topology.ReplaceAsync(access, [new(access, "Gi0/48", core, "Gi0/1", Seen)], CancellationToken.None);
        Assert.Equal(
            [new(core, "Gi0/1", access, "Gi0/48", Seen), new(core, "Gi0/2", server, null, Seen), new(access, "Gi0/48", core, "Gi0/1", Seen)],
            Sorted(await topology.ListAsync(CancellationToken.None)));

        await topology.ReplaceAsync(core, [new(core, "Gi0/1", access, "Gi0/48", Seen.AddMinutes(5))], CancellationToken.None);

        Assert.Equal(
            [new(core, "Gi0/1", access, "Gi0/48", Seen.AddMinutes(5)), new(access, "Gi0/48", core, "Gi0/1", Seen)],
            Sorted(await topology.ListAsync(CancellationToken.None)));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task DeletingADevice_RemovesItsLinksBothWays(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (core, access, server) = await ThreeDevicesAsync(store);
        var topology = store.Get<ITopologyStore>();
        await topology.ReplaceAsync(core, [new(core, "Gi0/1", access, "Gi0/48", Seen), new(core, "Gi0/2", server, null, Seen)], CancellationToken.None);
        await topology.ReplaceAsync(server, [new(server, "eth0", core, "Gi0/2", Seen)], CancellationToken.None);
        var devices = store.Get<IDeviceStore>();

        await devices.DeleteAsync(server, (await devices.GetAsync(server, CancellationToken.None))!.Version, Admin, CancellationToken.None);

        Assert.Equal([new(core, "Gi0/1", access, "Gi0/48", Seen)], await topology.ListAsync(CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ALinkToADeviceDeletedMeanwhile_IsNotStored(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (core, access, _) = await ThreeDevicesAsync(store);

        await store.Get<ITopologyStore>().ReplaceAsync(core, [new(core, "Gi0/1", access, "Gi0/48", Seen), new(core, "Gi0/3", 999_999, "x", Seen)], CancellationToken.None);

        Assert.Equal([new(core, "Gi0/1", access, "Gi0/48", Seen)], await store.Get<ITopologyStore>().ListAsync(CancellationToken.None));
    }

    private static List<TopologyLink> Sorted(IEnumerable<TopologyLink> links) =>
        links.OrderBy(link => link.LocalDeviceId).ThenBy(link => link.LocalPort, StringComparer.Ordinal).ToList();

    private static async Task<(long Core, long Access, long Server)> ThreeDevicesAsync(TestStore store)
    {
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var devices = store.Get<IDeviceStore>();
        var site = await store.Get<ISiteStore>().CreateAsync(new SiteData("Core", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        async Task<long> CreateAsync(string name, string address) =>
            (await devices.CreateAsync(new DeviceData(site.Id, name, DeviceKind.Switch, null, null, address, [], null, true, 30, 300, DeviceCredentials.None), Admin, CancellationToken.None)).Id;
        return (await CreateAsync("core", "10.0.0.1"), await CreateAsync("access", "10.0.0.2"), await CreateAsync("server", "10.0.0.3"));
    }
}
