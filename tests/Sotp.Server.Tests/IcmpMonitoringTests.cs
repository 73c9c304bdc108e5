using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>The whole chain on a real server: a device created through the API is pinged by the engine and UP.</summary>
public class IcmpMonitoringTests
{
    [RootFact]
    public async Task ADeviceCreatedThroughTheApi_IsPingedAndShownUp()
    {
        await using var server = await InMemoryServer.StartAsync(settings: new Dictionary<string, string?> { ["Icmp:Enabled"] = "true" });
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/devices",
            new { siteId = 1, name = "loopback-2", kind = "SERVER", address = "127.0.0.2", icmpIntervalSeconds = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        // The first probe comes at the device's place in its 5 s interval.
        var state = default(JsonElement);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            state = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}/status");
            if (state.GetProperty("status").GetString() == "UP")
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal("UP", state.GetProperty("status").GetString());
        Assert.Equal(0, state.GetProperty("lossPercent").GetDouble());
        Assert.True(state.GetProperty("rttMs").GetDouble() > 0, state.ToString());
        var metrics = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("sotp_icmp_packets_sent", metrics);
    }
}
