using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class UsersApiTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnAdmin_CreatesAnOperatorWhoseGeneratedPasswordWorksOnce(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("adm", Role.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/users", new { username = "dyspozytor1", role = "OPERATOR" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (_, tokens) = await server.LoginClientAsync("dyspozytor1", body.GetProperty("password").GetString()!);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        Assert.Equal("OPERATOR", body.GetProperty("user").GetProperty("role").GetString());
        Assert.True(tokens.MustChangePassword);
    }

    [Fact]
    public async Task AnAdmin_CannotCreateOrBecomeMaster()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");

        using var master = await admin.PostAsJsonAsync("/api/v1/users", new { username = "boss2", role = "MASTER" });
        using var raise = await admin.PutAsJsonAsync($"/api/v1/users/{me.GetProperty("id").GetInt64()}/role", new { role = "MASTER", version = 1 });

        await ProblemAssert.IsProblemAsync(master, HttpStatusCode.Forbidden, "master_only");
        await ProblemAssert.IsProblemAsync(raise, HttpStatusCode.Forbidden, "master_only");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ChangeRole_NeedsTheCurrentVersion(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("adm", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/users", new { username = "ewa", role = "OPERATOR" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetInt64();

        using var changed = await admin.PutAsJsonAsync($"/api/v1/users/{id}/role", new { role = "TECHNICIAN", version = 1 });
        using var stale = await admin.PutAsJsonAsync($"/api/v1/users/{id}/role", new { role = "AUDITOR", version = 1 });

        Assert.Equal("TECHNICIAN", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
    }

    [Fact]
    public async Task Unlock_LetsALockedUserIn()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        await server.CreateUserAsync("locked", Role.Operator, Password);
        var locked = (await server.Store.Get<IUserStore>().FindByUsernameAsync("locked", CancellationToken.None))!;
        await server.Store.Get<IUserStore>().RecordFailedLoginAsync(locked.Id, 1, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        using var refused = await server.LoginAsync("locked", Password);

        using var unlock = await admin.PostAsync($"/api/v1/users/{locked.Id}/unlock", null);
        using var allowed = await server.LoginAsync("locked", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task AssignSites_RefusesUnknownSites_AndLimitsATechnician()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        await server.CreateUserAsync("tech", Role.Technician, Password);
        var tech = (await server.Store.Get<IUserStore>().FindByUsernameAsync("tech", CancellationToken.None))!;

        using var unknown = await admin.PutAsJsonAsync($"/api/v1/users/{tech.Id}/sites", new { siteIds = new[] { 1, 999 } });
        using var none = await admin.PutAsJsonAsync($"/api/v1/users/{tech.Id}/sites", new { siteIds = Array.Empty<long>() });
        var (client, _) = await server.LoginClientAsync("tech", Password);
        var sites = await client.GetFromJsonAsync<JsonElement>("/api/v1/sites");

        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("siteIds", out _));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(0, sites.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task TheUserList_NeverCarriesPasswordHashes()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);

        var text = await admin.GetStringAsync("/api/v1/users");

        Assert.Contains("\"adm\"", text);
        Assert.DoesNotContain("argon2", text);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
    }
}
