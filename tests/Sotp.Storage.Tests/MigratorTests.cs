using Sotp.Core.Audit;
using Dapper;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class MigratorTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrate_OnAnEmptyStore_AppliesEveryKnownMigration(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var migrator = store.Get<Migrator>();

        var applied = await migrator.MigrateAsync(null, CancellationToken.None);

        Assert.Equal(migrator.Known.Select(m => m.Version), applied.Select(m => m.Version));
        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsUpToDate);
        Assert.Equal(migrator.Known.Count, status.CurrentVersion);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrate_RunAgain_AppliesNothingAndKeepsData(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var migrator = store.Get<Migrator>();
        await migrator.MigrateAsync(null, CancellationToken.None);
        await store.Get<Sotp.Core.Users.UserAccounts>().CreateAsync("kept", Sotp.Core.Users.Role.Operator, AuditActor.Cli, CancellationToken.None);
        var before = await StoreSnapshot.TakeAsync(store.Get<Store>());

        var applied = await migrator.MigrateAsync(null, CancellationToken.None);

        Assert.Empty(applied);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(store.Get<Store>()));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrate_FromSeveralMigratorsAtOnce_AppliesEachMigrationOnce(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var migrator = store.Get<Migrator>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => migrator.MigrateAsync(null, CancellationToken.None))));

        Assert.Equal(migrator.Known.Count, results.Sum(applied => applied.Count));
        var status = await migrator.GetStatusAsync(CancellationToken.None);
        Assert.Equal(migrator.Known.Count, status.Applied.Count);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrate_WhenAShippedMigrationWasEdited_RefusesWithAClearMessage(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var migrator = store.Get<Migrator>();
        await migrator.MigrateAsync(null, CancellationToken.None);
        await using (var connection = await store.Get<Store>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        }

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => migrator.MigrateAsync(null, CancellationToken.None));

        Assert.Contains("Migration 1 (0001_foundation)", error.Message);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrate_WhenTheStoreIsNewerThanThisBuild_Refuses(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var migrator = store.Get<Migrator>();
        await migrator.MigrateAsync(null, CancellationToken.None);
        await using (var connection = await store.Get<Store>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, '0999_future', 'x', '2030-01-01T00:00:00Z')");
        }

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => migrator.MigrateAsync(null, CancellationToken.None));

        Assert.Contains("schema version 999, newer than this build", error.Message);
    }

    [Fact]
    public void KnownMigrations_AreTheSameStepsOnBothProviders()
    {
        var sqlite = MigrationScript.For(StoreProvider.Sqlite).Select(m => m.Name);
        var postgres = MigrationScript.For(StoreProvider.Postgres).Select(m => m.Name);

        Assert.Equal(sqlite, postgres);
    }
}
