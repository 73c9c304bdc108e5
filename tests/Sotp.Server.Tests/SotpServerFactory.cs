using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core.Audit;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>The whole server in memory (TestServer) on a given store; what needs real Kestrel uses <see cref="ServerProcess"/>.</summary>
/// <param name="services">Adds test services on top of the server's own (a recording alarm core, say).</param>
public sealed class SotpServerFactory(IReadOnlyDictionary<string, string?> settings, TimeProvider? time, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (time is not null)
        {
            builder.ConfigureTestServices(collection => collection.AddSingleton(time));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
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

    /// <param name="settings">Added to (or replacing) the store's settings, e.g. <c>Icmp:Enabled=true</c>.</param>
    /// <param name="services">Test services added on top of the server's own.</param>
    public static async Task<InMemoryServer> StartAsync(StoreProvider provider = StoreProvider.Sqlite, TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var store = await TestStore.CreateAsync(provider);
        var merged = new Dictionary<string, string?>(store.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return new InMemoryServer(store, new SotpServerFactory(merged, time, services));
    }

    /// <summary>A user with a known password; <paramref name="mustChangePassword"/> as after a generated one.</summary>
    public async Task CreateUserAsync(string username, Role role, string password, bool mustChangePassword = false)
    {
        // The server must have migrated the store before the test writes to it.
        (await Client.GetAsync("/readyz")).EnsureSuccessStatusCode();
        await Store.Get<UserAccounts>().CreateAsync(username, role, AuditActor.Cli, CancellationToken.None);
        await Store.Get<IUserStore>().SetPasswordAsync(username, PasswordHasher.Hash(password), mustChangePassword, audit: null, CancellationToken.None);
    }

    public Task<HttpResponseMessage> LoginAsync(string username, string password) =>
        Client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });

    /// <summary>The password <see cref="SignedInAsync"/> gives its users.</summary>
    public const string TestPassword = "night shift on duty";

    /// <summary>Creates a user of this role and returns a client logged in as them.</summary>
    public async Task<HttpClient> SignedInAsync(string username, Role role)
    {
        await CreateUserAsync(username, role, TestPassword);
        return (await LoginClientAsync(username, TestPassword)).Client;
    }

    /// <summary>Logs in and returns a client that sends the access token, plus the token pair.</summary>
    public async Task<(HttpClient Client, Tokens Tokens)> LoginClientAsync(string username, string password)
    {
        using var response = await LoginAsync(username, password);
        response.EnsureSuccessStatusCode();
        var tokens = (await response.Content.ReadFromJsonAsync<Tokens>())!;
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        return (client, tokens);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
    }

    public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, bool MustChangePassword);
}
