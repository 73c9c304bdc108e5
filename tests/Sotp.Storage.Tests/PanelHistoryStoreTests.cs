using Sotp.Core.Panels;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class PanelHistoryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Changes_ComeBackPerPanel_NewestFirst_WithinTheRange(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var history = store.Get<IPanelHistoryStore>();
        PanelStateChange[] changes =
        [
            new(7, T0, PanelItem.Zone, 3, "NORMAL", "VIOLATED"),
            new(7, T0.AddSeconds(5), PanelItem.Partition, 1, "DISARMED", "ARMED"),
            new(7, T0.AddMinutes(1), PanelItem.Zone, 3, "VIOLATED", "NORMAL"),
            new(8, T0.AddSeconds(1), PanelItem.Zone, 1, "NORMAL", "TAMPER"),
        ];

        await history.AppendAsync(changes, CancellationToken.None);
        var all = await history.ListAsync(7, null, null, 100, CancellationToken.None);
        var window = await history.ListAsync(7, T0.AddSeconds(1), T0.AddMinutes(1), 100, CancellationToken.None);
        var latest = await history.ListAsync(7, null, null, 1, CancellationToken.None);

        Assert.Equal([changes[2], changes[1], changes[0]], all);
        Assert.Equal([changes[1]], window);
        Assert.Equal([changes[2]], latest);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnEmptyBatch_WritesNothing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var history = store.Get<IPanelHistoryStore>();

        await history.AppendAsync([], CancellationToken.None);

        Assert.Empty(await history.ListAsync(7, null, null, 100, CancellationToken.None));
    }
}
