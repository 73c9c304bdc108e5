using Dapper;
using Sotp.Core.Audit;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class AuditLogTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Appended_Records_FormAnIntactChain(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var log = store.Get<IAuditLog>();

        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Entry($"test.action{i}"), CancellationToken.None);
        }

        Assert.Equal(new AuditVerification(3, null, null), await log.VerifyAsync(CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Verify_AfterARowWasEdited_NamesThatRow(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var log = store.Get<IAuditLog>();
        for (var i = 0; i < 4; i++)
        {
            await log.AppendAsync(Entry("test.action"), CancellationToken.None);
        }

        await ExecuteAsync(store, "UPDATE audit_log SET actor_name = 'someone-else' WHERE id = 2");
        var result = await log.VerifyAsync(CancellationToken.None);

        Assert.Equal(2, result.FirstBrokenId);
        Assert.Contains("edited", result.Reason);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Verify_AfterARowWasDeleted_NamesTheRowAfterTheGap(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var log = store.Get<IAuditLog>();
        for (var i = 0; i < 4; i++)
        {
            await log.AppendAsync(Entry("test.action"), CancellationToken.None);
        }

        await ExecuteAsync(store, "DELETE FROM audit_log WHERE id = 2");
        var result = await log.VerifyAsync(CancellationToken.None);

        Assert.Equal(3, result.FirstBrokenId);
        Assert.Contains("removed", result.Reason);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ConcurrentAppends_StillFormOneChain(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var log = store.Get<IAuditLog>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => log.AppendAsync(Entry($"parallel.{i}"), CancellationToken.None))));

        Assert.Equal(new AuditVerification(20, null, null), await log.VerifyAsync(CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task List_FiltersByActionAndPagesNewestFirst(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var log = store.Get<IAuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Entry("auth.login_failed"), CancellationToken.None);
            await log.AppendAsync(Entry("auth.login"), CancellationToken.None);
        }

        var page = await log.ListAsync(new AuditQuery(Page: 2, PageSize: 2, Action: "auth.login_failed"), CancellationToken.None);

        Assert.Equal(5, page.Total);
        Assert.Equal(2, page.Items.Count);
        Assert.All(page.Items, r => Assert.Equal("auth.login_failed", r.Action));
        Assert.True(page.Items[0].Id > page.Items[1].Id);
    }

    private static AuditEntry Entry(string action) =>
        new(new AuditActor(7, "anna", "ADMIN"), action, "user", "7", Before: "{\"a\":1}", After: "{\"a\":2}", RequestId: "req-1", ClientIp: "10.1.2.3");

    private static async Task ExecuteAsync(TestStore store, string sql)
    {
        await using var connection = await store.Get<Store>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }

    private static async Task<TestStore> MigratedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        return store;
    }
}
