using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>
/// Random JSON thrown at every create and update endpoint: each body is accepted (2xx) or refused with a 4xx
/// ProblemDetails, and a refusal leaves the store exactly as it was. Never a 500, never half a write.
/// </summary>
public class RandomBodyTests
{
    private const string Password = "night shift on duty";

    private static readonly string[] SiteFields = ["name", "address", "type", "latitude", "longitude", "status", "notes", "serviceFrom", "serviceUntil", "serviceReason", "version"];
    private static readonly string[] DeviceFields = ["siteId", "name", "kind", "address", "vendor", "model", "tags", "parentId", "enabled", "icmpIntervalSeconds", "snmpIntervalSeconds", "credentials", "version"];

    public static TheoryData<string, string[]> CreateEndpoints => new()
    {
        { "/api/v1/sites", SiteFields },
        { "/api/v1/devices", DeviceFields },
        { "/api/v1/users", ["username", "role"] },
        { "/api/v1/secrets", ["name", "kind", "siteId", "value"] },
        { "/api/v1/device-groups", ["name", "description", "deviceIds"] },
        { "/api/v1/api-keys", ["name", "userId", "scopes"] },
    };

    /// <summary>Update endpoints of the entities the first start seeds (site 1, device 1) or that the test creates first.</summary>
    public static TheoryData<string, string[]> UpdateEndpoints => new()
    {
        { "/api/v1/sites/1", SiteFields },
        { "/api/v1/devices/1", DeviceFields },
        { "/api/v1/sites/1/contacts", ["contacts", "version"] },
        { "/api/v1/sites/1/procedures", ["procedures", "version"] },
        { "/api/v1/device-groups/{group}", ["name", "description", "deviceIds", "version"] },
        { "/api/v1/users/{user}/role", ["role", "version"] },
        { "/api/v1/users/{user}/sites", ["siteIds", "version"] },
        { "/api/v1/secrets/{secret}/value", ["value", "version"] },
    };

    [Theory, MemberData(nameof(CreateEndpoints))]
    public Task RandomCreateBodies_AreAcceptedOrRefusedCleanly(string path, string[] fields) =>
        ThrowRandomBodiesAsync(HttpMethod.Post, path, fields);

    [Theory, MemberData(nameof(UpdateEndpoints))]
    public Task RandomUpdateBodies_AreAcceptedOrRefusedCleanly(string path, string[] fields) =>
        ThrowRandomBodiesAsync(HttpMethod.Put, path, fields);

    private static async Task ThrowRandomBodiesAsync(HttpMethod method, string path, string[] fields)
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("boss", Role.Master, Password);
        var (client, _) = await server.LoginClientAsync("boss", Password);
        path = await FillIdsAsync(client, path);
        var store = server.Store.Get<Store>();
        var failures = new List<string>();

        foreach (var body in RandomBodies(fields).Array[40].Single().Append("[]").Append("\"text\"").Append("{\"name\":"))
        {
            var before = await StoreSnapshot.TakeAsync(store);
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                continue;
            }

            if ((int)response.StatusCode is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{body} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            if (await StoreSnapshot.TakeAsync(store) != before)
            {
                failures.Add($"{body} was refused but changed the store");
            }
        }

        Assert.Empty(failures);
    }

    private static Gen<string> RandomBodies(string[] fields)
    {
        var value = Gen.OneOf(Gen.Const("null"), Gen.String.Select(text => JsonSerializer.Serialize(text)),
            Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999"),
            Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)), Gen.Const("1"), Gen.Const("true"), Gen.Const("[1,2]"),
            Gen.Const("[\"a\",\"b\"]"), Gen.Const("{}"), Gen.Const("{\"snmpVersion\":\"V3\"}"), Gen.Const("\"ACTIVE\""), Gen.Const("\"SERVER\""), Gen.Const("\"OPERATOR\""),
            Gen.Const("\"OTHER\""), Gen.Const("\"10.0.0.1\""), Gen.Const("\"2026-11-23T20:00:00Z\""), Gen.Const("[\"ReadInventory\"]"),
            Gen.Const("[{\"name\":\"Jan\",\"phones\":[\"+48 600 100 200\"]}]"), Gen.Const("[{\"category\":\"BURGLARY\",\"steps\":[\"call\"]}]"));
        var field = Gen.OneOf(Gen.OneOfConst(fields), Gen.String);
        return Gen.Dictionary(field, value)[0, 8].Select(d => "{" + string.Join(',', d.Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value}")) + "}");
    }

    /// <summary>Creates the entity a path names by placeholder and puts its id in.</summary>
    private static async Task<string> FillIdsAsync(HttpClient client, string path)
    {
        if (path.Contains("{group}", StringComparison.Ordinal))
        {
            path = path.Replace("{group}", await CreateAsync(client, "/api/v1/device-groups", new { name = "core", deviceIds = new[] { 1 } }), StringComparison.Ordinal);
        }

        if (path.Contains("{user}", StringComparison.Ordinal))
        {
            path = path.Replace("{user}", await CreateAsync(client, "/api/v1/users", new { username = "tech", role = "TECHNICIAN" }), StringComparison.Ordinal);
        }

        if (path.Contains("{secret}", StringComparison.Ordinal))
        {
            path = path.Replace("{secret}", await CreateAsync(client, "/api/v1/secrets", new { name = "community", kind = "SNMP_COMMUNITY", value = "public" }), StringComparison.Ordinal);
        }

        return path;
    }

    private static async Task<string> CreateAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var entity = created.TryGetProperty("user", out var user) ? user : created;
        return entity.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
    }
}
