using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>
/// Random JSON thrown at every create endpoint: each body is accepted (201) or refused with a 4xx
/// ProblemDetails, and a refusal leaves the store exactly as it was. Never a 500, never half a write.
/// </summary>
public class RandomBodyTests
{
    private const string Password = "night shift on duty";

    public static TheoryData<string, string[]> Endpoints => new()
    {
        { "/api/v1/sites", ["name", "address", "type", "latitude", "longitude", "status", "notes", "serviceFrom", "serviceUntil", "serviceReason", "version"] },
        { "/api/v1/devices", ["siteId", "name", "kind", "address", "vendor", "model", "tags", "parentId", "enabled", "icmpIntervalSeconds", "snmpIntervalSeconds", "credentials"] },
        { "/api/v1/users", ["username", "role"] },
        { "/api/v1/secrets", ["name", "kind", "siteId", "value"] },
        { "/api/v1/device-groups", ["name", "description", "deviceIds"] },
        { "/api/v1/api-keys", ["name", "userId", "scopes"] },
    };

    [Theory, MemberData(nameof(Endpoints))]
    public async Task RandomBodies_AreAcceptedOrRefusedCleanly(string path, string[] fields)
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("boss", Role.Master, Password);
        var (client, _) = await server.LoginClientAsync("boss", Password);
        var store = server.Store.Get<Store>();
        var value = Gen.OneOf(Gen.Const("null"), Gen.String.Select(text => JsonSerializer.Serialize(text)),
            Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999"),
            Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Const("1"), Gen.Const("true"), Gen.Const("[1,2]"),
            Gen.Const("[\"a\",\"b\"]"), Gen.Const("{}"), Gen.Const("{\"snmpVersion\":\"V3\"}"), Gen.Const("\"ACTIVE\""), Gen.Const("\"SERVER\""), Gen.Const("\"OPERATOR\""),
            Gen.Const("\"OTHER\""), Gen.Const("\"10.0.0.1\""), Gen.Const("\"2026-11-23T20:00:00Z\""), Gen.Const("[\"ReadInventory\"]"));
        var field = Gen.OneOf(Gen.OneOfConst(fields), Gen.String);
        var bodies = Gen.Dictionary(field, value)[0, 8].Select(d => "{" + string.Join(',', d.Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value}")) + "}");
        var failures = new List<string>();

        foreach (var body in bodies.Array[40].Single().Append("[]").Append("\"text\"").Append("{\"name\":"))
        {
            var before = await StoreSnapshot.TakeAsync(store);
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.Created)
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
}
