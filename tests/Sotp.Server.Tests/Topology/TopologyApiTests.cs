using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Topology;
using Sotp.Core.Users;
using Sotp.Testing.Snmp;

namespace Sotp.Server.Tests.Topology;

/// <summary>
/// LLDP topology through the whole server: two switches simulated by snmpsim from the lldp-* recordings, polled
/// by the SNMP poller on fake time. The core switch's lldpRemTable names the access switch by chassis id and a sysName
/// that is not its inventory name; the access switch names the core by its management address.
/// </summary>
public sealed class TopologyApiTests
{
    private static readonly IPAddress Core = IPAddress.Parse("127.77.41.1");
    private static readonly IPAddress Access = IPAddress.Parse("127.77.41.2");

    [SnmpsimFact]
    public async Task LldpNeighbours_BecomeLinksBetweenKnownDevices_AndDisappearWhenNoLongerReported()
    {
        await using var snmpsim = await SnmpsimServer.StartAsync([Core, Access]);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InMemoryServer.StartAsync(time: time, settings: new Dictionary<string, string?>
        {
            ["Snmp:Enabled"] = "true",
            ["Snmp:Port"] = snmpsim.Port.ToString(CultureInfo.InvariantCulture),
            ["Snmp:TimeoutMilliseconds"] = "1000",
        });
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var core = await DeviceAsync(admin, "core", Core, await SecretAsync(admin, "lldp-core"), null);
        var access = await DeviceAsync(admin, "access-switch", Access, await SecretAsync(admin, "lldp-access"), core.GetProperty("id").GetInt64());
        var (coreId, accessId) = (core.GetProperty("id").GetInt64(), access.GetProperty("id").GetInt64());
        var links = server.Factory.Services.GetRequiredService<ITopologyStore>();

        // The core may be polled before the access switch has said who it is: its link comes at its next poll.
        await AdvanceUntilAsync(time, async () => (await links.ListAsync(CancellationToken.None)).Count == 2);
        var topology = await admin.GetFromJsonAsync<JsonElement>("/api/v1/topology");

        // The demo device is a node too, without links.
        Assert.Equal([(1, null, "UNKNOWN"), (coreId, (long?)null, "UNKNOWN"), (accessId, coreId, "UNKNOWN")], topology.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("id").GetInt64(), n.GetProperty("parentId").ValueKind == JsonValueKind.Null ? null : (long?)n.GetProperty("parentId").GetInt64(), n.GetProperty("status").GetString()!)).OrderBy(n => n.Item1));
        Assert.Equal(
            [
                ("LLDP", coreId, accessId, "GigabitEthernet0/1", "Gi0/48"),
                ("LLDP", accessId, coreId, "Gi0/48", "Gi0/1"),
                ("PARENT", accessId, coreId, null, null),
            ],
            Edges(topology));

        // The agent breaks the LLDP walk: the poll is PARTIAL, and no answer is not a link gone.
        core = await RecordingAsync(admin, core, "lldp-core-broken");
        await AdvanceUntilAsync(time, async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{coreId}/snmp")).GetProperty("status").GetString() == "PARTIAL");
        Assert.StartsWith("lldp: ", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{coreId}/snmp")).GetProperty("reason").GetString());
        Assert.Equal(2, (await links.ListAsync(CancellationToken.None)).Count);

        await RecordingAsync(admin, core, "lldp-core-unplugged");
        await AdvanceUntilAsync(time, async () => (await links.ListAsync(CancellationToken.None)).Count == 1);

        Assert.Equal([("LLDP", accessId, coreId, "Gi0/48", "Gi0/1"), ("PARENT", accessId, coreId, null, null)],
            Edges(await admin.GetFromJsonAsync<JsonElement>("/api/v1/topology")));
    }

    private static List<(string, long, long, string?, string?)> Edges(JsonElement topology) =>
        topology.GetProperty("links").EnumerateArray()
            .Select(l => (l.GetProperty("kind").GetString()!, l.GetProperty("fromDeviceId").GetInt64(), l.GetProperty("toDeviceId").GetInt64(),
                l.GetProperty("fromPort").GetString(), l.GetProperty("toPort").GetString()))
            .OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2).ToList();

    /// <summary>Moves fake time a second at a time (the polls themselves are real exchanges with snmpsim) until what is awaited shows.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<Task<bool>> condition)
    {
        for (var step = 0; step < 300; step++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(await condition(), "what was awaited did not come within 300 simulated seconds");
    }

    /// <summary>Points the core device at another recording (its community); returns the device as updated.</summary>
    private static async Task<JsonElement> RecordingAsync(HttpClient admin, JsonElement core, string recording)
    {
        using var updated = await admin.PutAsJsonAsync($"/api/v1/devices/{core.GetProperty("id").GetInt64()}", new
        {
            siteId = 1, name = "core", kind = "SWITCH", address = Core.ToString(), snmpIntervalSeconds = 30, version = core.GetProperty("version").GetInt64(),
            credentials = new { snmpVersion = "V2C", snmpCommunitySecretId = await SecretAsync(admin, recording) },
        });
        Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync());
        return await updated.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> DeviceAsync(HttpClient admin, string name, IPAddress address, long secretId, long? parentId)
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/devices", new
        {
            siteId = 1, name, kind = "SWITCH", address = address.ToString(), parentId, snmpIntervalSeconds = 30,
            credentials = new { snmpVersion = "V2C", snmpCommunitySecretId = secretId },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<long> SecretAsync(HttpClient admin, string community)
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = community, kind = "SNMP_COMMUNITY", siteId = 1, value = community });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
