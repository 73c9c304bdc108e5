using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Errors;
using Sotp.Core.Users;
using Sotp.Testing;
using Sotp.Testing.Snmp;

namespace Sotp.Server.Tests.Discovery;

/// <summary>
/// Discovery on a real server against real peers: a /29 of loopback addresses (every 127.x address answers ping)
/// with net-snmp agents listening on two of them, swept by the ICMP engine (root: raw sockets) and probed over SNMP.
/// </summary>
public sealed class DiscoveryApiTests
{
    private const string Block = "127.77.42.0/29";
    private static readonly IPAddress AgentA = IPAddress.Parse("127.77.42.2");
    private static readonly IPAddress AgentB = IPAddress.Parse("127.77.42.3");

    [RootFact]
    public async Task ASweep_ProposesTheAgentsWithVendorKindAndTheCredentialThatWorked_MarksKnownOnes_AndAcceptCreatesDevices()
    {
        var port = SnmpdServer.FreeUdpPort(AgentA);
        var agentA = SnmpdServer.On(AgentA, port, "disc-agent-a");
        var agentB = SnmpdServer.On(AgentB, port, "disc-agent-b");
        await agentA.InitializeAsync();
        await agentB.InitializeAsync();
        try
        {
            await using var server = await InMemoryServer.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Snmp:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Snmp:TimeoutMilliseconds"] = "500",
                ["Snmp:Retries"] = "0",
            });
            var admin = await server.SignedInAsync("admin2", Role.Admin);
            var wrong = await SecretAsync(admin, "not the community");
            var right = await SecretAsync(admin, SnmpdServer.Community);
            using var known = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "already-here", kind = "SERVER", address = AgentB.ToString() });
            var knownId = (await known.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

            using var started = await admin.PostAsJsonAsync("/api/v1/discovery", new
            {
                cidr = Block, siteId = 1,
                credentials = new[] { new { snmpVersion = "V2C", snmpCommunitySecretId = wrong }, new { snmpVersion = "V2C", snmpCommunitySecretId = right } },
            });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var job = await DoneAsync(admin, started.Headers.Location!.ToString());

            Assert.Equal(("DONE", 6, 6, 6), (job.GetProperty("status").GetString(), job.GetProperty("addresses").GetInt32(), job.GetProperty("swept").GetInt32(), job.GetProperty("answering").GetInt32()));
            var proposals = job.GetProperty("proposals").EnumerateArray().ToDictionary(p => p.GetProperty("address").GetString()!);
            Assert.Equal(Enumerable.Range(1, 6).Select(i => $"127.77.42.{i}"), proposals.Keys);
            var a = proposals[AgentA.ToString()];
            Assert.Equal(("disc-agent-a", "Net-SNMP", "SERVER", 1), (a.GetProperty("sysName").GetString(), a.GetProperty("vendor").GetString(),
                a.GetProperty("kind").GetString(), a.GetProperty("credentialIndex").GetInt32()));
            Assert.Equal(JsonValueKind.Null, a.GetProperty("knownDeviceId").ValueKind);
            Assert.Equal(("disc-agent-b", knownId), (proposals[AgentB.ToString()].GetProperty("sysName").GetString(), proposals[AgentB.ToString()].GetProperty("knownDeviceId").GetInt64()));
            Assert.Equal(JsonValueKind.Null, proposals["127.77.42.4"].GetProperty("credentialIndex").ValueKind);
            Assert.Equal("OTHER", proposals["127.77.42.4"].GetProperty("kind").GetString());

            using var accepted = await admin.PostAsJsonAsync($"/api/v1/discovery/{job.GetProperty("id").GetInt64()}/accept", new { addresses = new[] { AgentA.ToString() } });
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
            var device = (await accepted.Content.ReadFromJsonAsync<JsonElement>())[0];
            Assert.Equal(("disc-agent-a", "SERVER", "Net-SNMP", AgentA.ToString(), right),
                (device.GetProperty("name").GetString(), device.GetProperty("kind").GetString(), device.GetProperty("vendor").GetString(),
                    device.GetProperty("address").GetString(), device.GetProperty("credentials").GetProperty("snmpCommunitySecretId").GetInt64()));
            var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{device.GetProperty("id").GetInt64()}/history");
            Assert.Equal(("created", "admin2"), (history[0].GetProperty("change").GetString(), history[0].GetProperty("actorName").GetString()));
            var after = await admin.GetFromJsonAsync<JsonElement>(started.Headers.Location!.ToString());
            Assert.Contains(after.GetProperty("proposals").EnumerateArray(), p => p.GetProperty("address").GetString() == AgentA.ToString()
                && p.GetProperty("createdDeviceId").GetInt64() == device.GetProperty("id").GetInt64());

            using var again = await admin.PostAsJsonAsync($"/api/v1/discovery/{job.GetProperty("id").GetInt64()}/accept", new { addresses = new[] { AgentA.ToString(), AgentB.ToString() } });
            var problem = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
            Assert.Equal(["addresses[0]", "addresses[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        }
        finally
        {
            await agentA.DisposeAsync();
            await agentB.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("10.0.0.0/21", ErrorCodes.CidrTooLarge, "cidr")]
    [InlineData("10.0.0/24", ErrorCodes.ValidationFailed, "cidr")]
    [InlineData("10.0.0.0", ErrorCodes.ValidationFailed, "cidr")]
    [InlineData("2001:db8::/120", ErrorCodes.ValidationFailed, "cidr")]
    public async Task ABadBlock_IsAProblem(string cidr, string code, string field)
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var secret = await SecretAsync(admin, "public");

        using var response = await admin.PostAsJsonAsync("/api/v1/discovery", new { cidr, siteId = 1, credentials = new[] { new { snmpVersion = "V2C", snmpCommunitySecretId = secret } } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AnUnknownSiteOrSecret_OrNoCredentials_IsAProblemNamingTheField()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var unknown = await admin.PostAsJsonAsync("/api/v1/discovery", new { cidr = "10.0.0.0/24", siteId = 999, credentials = new[] { new { snmpVersion = "V2C", snmpCommunitySecretId = 4242 } } });
        using var none = await admin.PostAsJsonAsync("/api/v1/discovery", new { cidr = "10.0.0.0/24", siteId = 1, credentials = Array.Empty<object>() });

        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(["credentials[0].snmpCommunitySecretId", "siteId"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        problem = await ProblemAssert.IsProblemAsync(none, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("credentials", out _));
    }

    [Fact]
    public async Task AnUnknownJob_IsNotFound_AndAnOperatorMayNotStartOne()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var operatorClient = await server.SignedInAsync("op", Role.Operator);

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/discovery/77"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ProblemAssert.IsProblemAsync(await operatorClient.PostAsJsonAsync("/api/v1/discovery", new { cidr = "10.0.0.0/30", siteId = 1 }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    private static async Task<long> SecretAsync(HttpClient admin, string community)
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = $"community {Guid.NewGuid():N}", kind = "SNMP_COMMUNITY", siteId = 1, value = community });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Reads the job until it is no longer RUNNING: the sweep and the probes are real network exchanges.</summary>
    private static async Task<JsonElement> DoneAsync(HttpClient client, string location)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("status").GetString() != "RUNNING")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} was still running after 30 s");
    }
}
