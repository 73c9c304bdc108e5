using Microsoft.Extensions.Options;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class StoreTests
{
    [Fact]
    public async Task Open_WhenTheDataFolderCannotBeCreated_NamesTheSettingAndTheFolder()
    {
        using var directory = new TempDirectory();
        var blocker = directory.File("a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        await using var store = new Store(Options.Create(new StoreOptions { DataDirectory = Path.Combine(blocker, "data") }));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.OpenAsync(CancellationToken.None));

        Assert.Contains("Storage:DataDirectory", error.Message);
        Assert.Contains(blocker, error.Message);
    }

    [Fact]
    public async Task Open_WhenPostgresIsUnreachable_SaysWhichServerInOneLine()
    {
        var closedPort = FreePort.Next();
        await using var store = new Store(Options.Create(new StoreOptions
        {
            Provider = "Postgres",
            ConnectionString = $"Host=127.0.0.1;Port={closedPort};Username=sotp;Password=secret-value;Database=sotp",
            ConnectTimeoutSeconds = 2,
        }));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.OpenAsync(CancellationToken.None));

        Assert.Contains($"PostgreSQL 127.0.0.1:{closedPort}/sotp", error.Message);
        Assert.DoesNotContain("secret-value", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Sqlite_OpensInWalMode()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var connection = await store.Get<Store>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
