using Sotp.Core.Audit;
using Sotp.Core.Bootstrap;
using Sotp.Core.Users;
using Sotp.Storage.Backup;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class BackupTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task BackupThenRestore_BringsBackExactlyTheDataOfTheBackup(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var accounts = store.Get<UserAccounts>();
        await accounts.CreateAsync("before-backup", Role.Auditor, AuditActor.Cli, CancellationToken.None);
        var atBackup = await StoreSnapshot.TakeAsync(store.Get<Store>());
        var file = Path.Combine(store.DirectoryPath, "snapshot.bak");
        var progress = new List<double>();

        await store.Get<IStoreBackup>().BackupAsync(file, new SynchronousProgress(progress), CancellationToken.None);
        await accounts.CreateAsync("after-backup", Role.Operator, AuditActor.Cli, CancellationToken.None);
        await accounts.ResetPasswordAsync("before-backup", AuditActor.Cli, CancellationToken.None);
        Assert.NotEqual(atBackup, await StoreSnapshot.TakeAsync(store.Get<Store>()));
        await store.Get<IStoreBackup>().RestoreAsync(file, null, CancellationToken.None);

        Assert.Equal(atBackup, await StoreSnapshot.TakeAsync(store.Get<Store>()));
        Assert.Equal(1.0, progress[^1]);
        // Identity counters come back too: the next id is not one that existed after the backup.
        var (next, _) = await accounts.CreateAsync("next", Role.Operator, AuditActor.Cli, CancellationToken.None);
        Assert.Equal(3, next.Id);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Backup_ToAnExistingFile_IsRefusedAndLeavesTheFileAlone(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var file = Path.Combine(store.DirectoryPath, "exists.bak");
        await File.WriteAllTextAsync(file, "keep me");

        var error = await Assert.ThrowsAsync<BackupException>(() => store.Get<IStoreBackup>().BackupAsync(file, null, CancellationToken.None));

        Assert.Contains("exists already", error.Message);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Restore_OfAFileThatIsNoBackup_FailsAndChangesNothing(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var before = await StoreSnapshot.TakeAsync(store.Get<Store>());
        var file = Path.Combine(store.DirectoryPath, "garbage.bak");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        await Assert.ThrowsAsync<BackupException>(() => store.Get<IStoreBackup>().RestoreAsync(file, null, CancellationToken.None));

        Assert.Equal(before, await StoreSnapshot.TakeAsync(store.Get<Store>()));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Restore_OfAMissingFile_SaysSo(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);

        var error = await Assert.ThrowsAsync<BackupException>(() =>
            store.Get<IStoreBackup>().RestoreAsync(Path.Combine(store.DirectoryPath, "none.bak"), null, CancellationToken.None));

        Assert.Contains("There is no backup file", error.Message);
    }

    private static async Task<TestStore> SeededAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        await store.Get<FirstStart>().RunAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants every report, in order, before it asserts.</summary>
    private sealed class SynchronousProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
