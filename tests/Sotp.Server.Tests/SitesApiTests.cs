using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class SitesApiTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateReadUpdate_KeepsVersionsAndHistory(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Bank, oddział 3", address = "ul. Długa 5, Gdańsk", latitude = 54.35, longitude = 18.65 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var site = (await created.Content.ReadFromJsonAsync<JsonElement>());
        var id = site.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/sites/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sites/{id}")
        {
            Content = JsonContent.Create(new { name = "Bank, oddział 3", address = "ul. Długa 7, Gdańsk", status = "SERVICE", serviceFrom = "2026-11-23T20:00:00Z", serviceReason = "czujki do wymiany" }),
        };
        update.Headers.IfMatch.Add(new("\"1\""));
        using var updated = await admin.SendAsync(update);
        var after = await updated.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, after.GetProperty("version").GetInt64());
        Assert.Equal("SERVICE", after.GetProperty("status").GetString());
        Assert.Equal("czujki do wymiany", after.GetProperty("serviceMode").GetProperty("reason").GetString());
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{id}/history");
        Assert.Equal(["created", "updated"], history.EnumerateArray().Select(h => h.GetProperty("change").GetString()));
        var change = history[1];
        Assert.Equal("ul. Długa 5, Gdańsk", change.GetProperty("before").GetProperty("address").GetString());
        Assert.Equal("ul. Długa 7, Gdańsk", change.GetProperty("after").GetProperty("address").GetString());
        Assert.Equal("admin2", change.GetProperty("actorName").GetString());
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task UpdateWithAStaleVersion_Is409AndChangesNothing(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var id = await CreateSiteAsync(admin, "Magazyn");
        (await admin.PutAsJsonAsync($"/api/v1/sites/{id}", new { name = "Magazyn A", version = 1 })).EnsureSuccessStatusCode();
        var before = await StoreSnapshot.TakeAsync(server.Store.Get<Store>());

        using var stale = await admin.PutAsJsonAsync($"/api/v1/sites/{id}", new { name = "Magazyn B", version = 1 });

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server.Store.Get<Store>()));
    }

    [Fact]
    public async Task Update_WithoutAnyVersion_NamesTheMissingField()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var id = await CreateSiteAsync(admin, "Magazyn");

        using var response = await admin.PutAsJsonAsync($"/api/v1/sites/{id}", new { name = "Magazyn B" });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task Create_WithSeveralBadFields_ReportsThemAll()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "", latitude = 91, longitude = 10, status = "OPEN", serviceReason = "x" });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["latitude", "name", "serviceFrom", "status"], fields);
    }

    [Fact]
    public async Task Delete_OfASiteWithDevices_IsRefused_AndOfAnEmptyOne_Works()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var empty = await CreateSiteAsync(admin, "Pusty");

        using var demo = await admin.DeleteAsync("/api/v1/sites/1?version=1");
        using var deleted = await admin.DeleteAsync($"/api/v1/sites/{empty}?version=1");
        using var gone = await admin.GetAsync($"/api/v1/sites/{empty}");

        await ProblemAssert.IsProblemAsync(demo, HttpStatusCode.Conflict, "site_has_devices");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not_found");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task List_SearchesCaseInsensitivelyInPolish_SortsAndPages(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        foreach (var name in new[] { "ŁÓDŹ Piotrkowska", "Łódź Kaliska", "Kraków Rynek", "Gdańsk 100%" })
        {
            await CreateSiteAsync(admin, name);
        }

        var lodz = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites?q=łódź&sort=-name");
        var percent = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites?q=100%25");
        var wildcard = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites?q=%25");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites?pageSize=2&page=2&sort=name");

        Assert.Equal(["ŁÓDŹ Piotrkowska", "Łódź Kaliska"], Names(lodz));  // "-name": piotrkowska after kaliska
        Assert.Equal(["Gdańsk 100%"], Names(percent));
        Assert.Equal(["Gdańsk 100%"], Names(wildcard));
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task List_WithAnUnknownSort_NamesTheChoices()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var response = await admin.GetAsync("/api/v1/sites?sort=password");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("name, createdAt, status", problem.GetProperty("errors").GetProperty("sort")[0].GetString());
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ATechnician_SeesOnlyAssignedSites_AndOthersAreNotFound(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var assigned = await CreateSiteAsync(admin, "Przypisany");
        var other = await CreateSiteAsync(admin, "Obcy");
        await server.CreateUserAsync("tech", Role.Technician, Password);
        var tech = (await server.Store.Get<IUserStore>().FindByUsernameAsync("tech", CancellationToken.None))!;
        await server.Store.Get<ISiteStore>().AssignSitesAsync(tech.Id, [assigned], new Caller(null, "test", Role.Master), CancellationToken.None);
        var (client, _) = await server.LoginClientAsync("tech", Password);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/sites");
        using var hidden = await client.GetAsync($"/api/v1/sites/{other}");
        using var hiddenHistory = await client.GetAsync($"/api/v1/sites/{other}/history");
        using var visible = await client.GetAsync($"/api/v1/sites/{assigned}");

        Assert.Equal(["Przypisany"], Names(list));
        await ProblemAssert.IsProblemAsync(hidden, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(hiddenHistory, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
    }

    private static IEnumerable<string?> Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString());

    private static async Task<long> CreateSiteAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sites", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
