using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class DevicesApiTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateUpdateDelete_WithVersionsHistoryAndDefaults(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        var created = await CreateAsync(admin, new { siteId = 1, name = "core-sw1", kind = "SWITCH", address = "10.0.0.1", vendor = "Cisco", tags = new[] { "core", "gdansk" } });
        var id = created.GetProperty("id").GetInt64();
        using var updated = await admin.PutAsJsonAsync($"/api/v1/devices/{id}", new { siteId = 1, name = "core-sw1", kind = "SWITCH", address = "10.0.0.2", version = 1 });
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}/history");
        using var deleted = await admin.DeleteAsync($"/api/v1/devices/{id}?version=2");

        Assert.Equal(30, created.GetProperty("icmpIntervalSeconds").GetInt32());
        Assert.Equal(["core", "gdansk"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("10.0.0.1", history[1].GetProperty("before").GetProperty("address").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AParentThatDependsOnTheDevice_IsRefusedAsACycle(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var core = (await CreateAsync(admin, new { siteId = 1, name = "core", kind = "ROUTER", address = "10.0.0.1" })).GetProperty("id").GetInt64();
        var access = (await CreateAsync(admin, new { siteId = 1, name = "access", kind = "SWITCH", address = "10.0.0.2", parentId = core })).GetProperty("id").GetInt64();
        var ap = (await CreateAsync(admin, new { siteId = 1, name = "ap", kind = "ACCESS_POINT", address = "10.0.0.3", parentId = access })).GetProperty("id").GetInt64();

        using var loop = await admin.PutAsJsonAsync($"/api/v1/devices/{core}", new { siteId = 1, name = "core", kind = "ROUTER", address = "10.0.0.1", parentId = ap, version = 1 });
        using var self = await admin.PutAsJsonAsync($"/api/v1/devices/{core}", new { siteId = 1, name = "core", kind = "ROUTER", address = "10.0.0.1", parentId = core, version = 1 });
        using var parentDelete = await admin.DeleteAsync($"/api/v1/devices/{access}?version=1");

        await ProblemAssert.IsProblemAsync(loop, HttpStatusCode.Conflict, "dependency_cycle");
        await ProblemAssert.IsProblemAsync(self, HttpStatusCode.Conflict, "dependency_cycle");
        await ProblemAssert.IsProblemAsync(parentDelete, HttpStatusCode.Conflict, "device_has_children");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Credentials_ReferToSecretsOfTheDevicesSite_NeverHoldThem(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var auth = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "auth", kind = "SNMP_V3_AUTH", siteId = 1, value = "authpass123" });
        using var priv = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "priv", kind = "SNMP_V3_PRIV", value = "privpass123" });
        using var site = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Other" });
        using var foreign = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "other", kind = "OTHER", siteId = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), value = "x" });
        long Id(HttpResponseMessage r) => r.Content.ReadFromJsonAsync<JsonElement>().Result.GetProperty("id").GetInt64();
        var credentials = new { snmpVersion = "V3", snmpV3User = "nmv3user", snmpV3AuthProtocol = "SHA256", snmpV3AuthSecretId = Id(auth), snmpV3PrivProtocol = "AES256", snmpV3PrivSecretId = Id(priv) };

        var created = await CreateAsync(admin, new { siteId = 1, name = "edge", kind = "ROUTER", address = "10.2.0.1", credentials });
        using var wrongSite = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "x", kind = "ROUTER", address = "10.2.0.2", credentials = new { snmpVersion = "V2C", snmpCommunitySecretId = Id(foreign) } });
        using var halfV3 = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "y", kind = "ROUTER", address = "10.2.0.3", credentials = new { snmpVersion = "V3", snmpV3PrivProtocol = "AES" } });

        var stored = created.GetProperty("credentials");
        Assert.Equal("V3", stored.GetProperty("snmpVersion").GetString());
        Assert.Equal("SHA256", stored.GetProperty("snmpV3AuthProtocol").GetString());
        Assert.DoesNotContain("authpass123", created.ToString());
        var siteProblem = await ProblemAssert.IsProblemAsync(wrongSite, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(siteProblem.GetProperty("errors").TryGetProperty("credentials.snmpCommunitySecretId", out _));
        var v3Problem = await ProblemAssert.IsProblemAsync(halfV3, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(v3Problem.GetProperty("errors").TryGetProperty("credentials.snmpV3User", out _));
    }

    [Fact]
    public async Task UnknownSiteOrParent_AreFieldErrors()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 999, name = "x", kind = "SERVER", address = "10.0.0.9", parentId = 999 });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["parentId", "siteId"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task List_FiltersByKindTagAndSite_AndSearchesVendor(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        await CreateAsync(admin, new { siteId = 1, name = "fw1", kind = "FIREWALL", address = "10.0.0.1", vendor = "Fortinet", tags = new[] { "edge" } });
        await CreateAsync(admin, new { siteId = 1, name = "sw1", kind = "SWITCH", address = "10.0.0.2", tags = new[] { "edge_old" } });
        await CreateAsync(admin, new { siteId = 1, name = "sw2", kind = "SWITCH", address = "10.0.0.3", tags = new[] { "core" } });

        Assert.Equal(["sw1", "sw2"], Names(await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices?kind=SWITCH")));
        Assert.Equal(["fw1"], Names(await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices?tag=edge")));
        Assert.Equal(["fw1"], Names(await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices?q=fortinet")));
        Assert.Equal(4, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices?siteId=1")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task AFieldWorker_DoesNotSeeDevicesOfOtherSites()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var site = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Mine" });
        var mine = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await CreateAsync(admin, new { siteId = mine, name = "my-panel", kind = "ALARM_PANEL", address = "10.9.0.1" });
        await server.CreateUserAsync("field", Role.FieldWorker, Password);
        var field = (await server.Store.Get<IUserStore>().FindByUsernameAsync("field", CancellationToken.None))!;
        await server.Store.Get<ISiteStore>().AssignSitesAsync(field.Id, [mine], new Caller(null, "test", Role.Master), CancellationToken.None);
        var (client, _) = await server.LoginClientAsync("field", Password);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/devices");
        using var demo = await client.GetAsync("/api/v1/devices/1");
        using var create = await client.PostAsJsonAsync("/api/v1/devices", new { siteId = mine, name = "x", kind = "SENSOR", address = "10.9.0.2" });

        Assert.Equal(["my-panel"], Names(list));
        await ProblemAssert.IsProblemAsync(demo, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden, "forbidden");
    }

    private static IEnumerable<string?> Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString());

    private static async Task<JsonElement> CreateAsync(HttpClient client, object device)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/devices", device);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
