using Dapper;
using Sotp.Core.Bootstrap;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class FirstStartTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task FirstStart_OnAnEmptyStore_CreatesAMasterAndADemoSiteWatchingLocalhost(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);

        var password = await store.Get<FirstStart>().RunAsync(CancellationToken.None);

        Assert.NotNull(password);
        var admin = await store.Get<UserAccounts>().VerifyAsync(FirstStart.AdminUsername, password, CancellationToken.None);
        Assert.NotNull(admin);
        Assert.Equal(Role.Master, admin.Role);
        Assert.True(admin.MustChangePassword);
        await using var connection = await store.Get<Store>().OpenAsync(CancellationToken.None);
        var device = await connection.QuerySingleAsync<(string Name, string Address, string Kind)>("SELECT name, address, kind FROM devices");
        Assert.Equal(("localhost", "127.0.0.1", "SERVER"), device);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sites"));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task FirstStart_RunTwice_SeedsOnceAndReturnsNoPasswordTheSecondTime(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var firstStart = store.Get<FirstStart>();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => firstStart.RunAsync(CancellationToken.None))));

        Assert.Single(results, password => password is not null);
        await using var connection = await store.Get<Store>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sites"));
    }
}
