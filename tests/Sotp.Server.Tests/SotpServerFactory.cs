using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>The whole server in memory (TestServer) on a given store; what needs real Kestrel uses <see cref="ServerProcess"/>.</summary>
public sealed class SotpServerFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>A fresh store, the server on it, and a client; disposed together.</summary>
public sealed class InMemoryServer : IAsyncDisposable
{
    private InMemoryServer(TestStore store, SotpServerFactory factory)
    {
        Store = store;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public TestStore Store { get; }

    public SotpServerFactory Factory { get; }

    public HttpClient Client { get; }

    public static async Task<InMemoryServer> StartAsync(StoreProvider provider = StoreProvider.Sqlite)
    {
        var store = await TestStore.CreateAsync(provider);
        return new InMemoryServer(store, new SotpServerFactory(store.Settings));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
    }
}
