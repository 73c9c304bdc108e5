using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class ApiKeysApiTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AKey_ActsAsItsSystemAccountWithinItsScopes_UntilRevoked(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var systemId = await SystemAccountAsync(server);

        using var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "event receiver", userId = systemId, scopes = new[] { "ReadInventory" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var keyId = body.GetProperty("key").GetProperty("id").GetInt64();
        using var client = server.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);

        using var sites = await client.GetAsync("/api/v1/sites");
        using var audit = await client.GetAsync("/api/v1/audit");
        var listText = await admin.GetStringAsync("/api/v1/api-keys");
        (await admin.DeleteAsync($"/api/v1/api-keys/{keyId}")).EnsureSuccessStatusCode();
        using var afterRevoke = await client.GetAsync("/api/v1/sites");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("sotp_", secret);
        Assert.Equal(HttpStatusCode.OK, sites.StatusCode);
        await ProblemAssert.IsProblemAsync(audit, HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain(secret, listText);
        Assert.Contains("\"lastUsedAt\":\"", listText);
        await ProblemAssert.IsProblemAsync(afterRevoke, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("sotp_AAAAAAAA_wrong")]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task AWrongKey_Is401(string key)
    {
        await using var server = await InMemoryServer.StartAsync();
        using var client = server.Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);

        using var response = await client.GetAsync("/api/v1/sites");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task KeysAreOnlyForSystemAccounts_AndOnlySystemPermissions()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var systemId = await SystemAccountAsync(server);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");

        using var forAdmin = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", userId = me.GetProperty("id").GetInt64(), scopes = new[] { "ReadInventory" } });
        using var tooMuch = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", userId = systemId, scopes = new[] { "ManageUsers" } });

        var first = await ProblemAssert.IsProblemAsync(forAdmin, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(first.GetProperty("errors").TryGetProperty("userId", out _));
        var second = await ProblemAssert.IsProblemAsync(tooMuch, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(second.GetProperty("errors").TryGetProperty("scopes", out _));
    }

    private static async Task<long> SystemAccountAsync(InMemoryServer server)
    {
        await server.CreateUserAsync("receiver", Role.System, Password);
        return (await server.Store.Get<IUserStore>().FindByUsernameAsync("receiver", CancellationToken.None))!.Id;
    }
}
