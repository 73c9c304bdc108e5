using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Storage;
using Xunit;

namespace Sotp.Testing;

/// <summary>An empty store of either provider with the production service registrations, for one test.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly ServiceProvider _services;

    private TestStore(StoreProvider provider, TempDirectory directory, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure)
    {
        Provider = provider;
        _directory = directory;
        Settings = settings;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        configure?.Invoke(services); // Before the production registrations, which only add what is missing (a TimeProvider, say).
        _services = services.AddSotpStorage(configuration).BuildServiceProvider();
    }

    /// <summary>Both providers, for <c>[Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]</c>.</summary>
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    public StoreProvider Provider { get; }

    /// <summary>The configuration keys that select this store, to hand to a server or CLI under test.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _services;

    public string DirectoryPath => _directory.Path;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="configure">Registrations that replace production ones, e.g. a fake <see cref="TimeProvider"/>.</param>
    public static async Task<TestStore> CreateAsync(StoreProvider provider, Action<IServiceCollection>? configure = null)
    {
        var directory = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider.ToString(),
            ["Storage:DataDirectory"] = Path.Combine(directory.Path, "data"),
            // Servers and CLIs under test must not ping or poll the addresses tests give their devices; a test that wants it turns it on.
            ["Icmp:Enabled"] = "false",
            ["Snmp:Enabled"] = "false",
            ["Snmp:TrapsEnabled"] = "false",
        };
        if (provider == StoreProvider.Postgres)
        {
            var server = await PostgresServer.SharedAsync();
            settings["Storage:ConnectionString"] = await server.CreateDatabaseAsync();
        }

        return new TestStore(provider, directory, settings, configure);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
