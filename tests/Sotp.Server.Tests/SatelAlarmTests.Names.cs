using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Collectors.Satel;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;
using Sotp.Testing.Satel;

namespace Sotp.Server.Tests;

/// <summary>What the panel says about itself (0x7E, 0x7C, 0xEE), read by the server's worker, stored, and in the panels API.</summary>
public sealed partial class SatelAlarmTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task NamesAndVersions_ReadFromThePanel_AreInThePanelsApi_WithLiveStateAndPriorities(StoreProvider provider)
    {
        // An INTEGRA 24: 4 partitions, 24 zones and 20 outputs, so every name is read within a few polls.
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { PanelType = 0, PanelVersion = "11220200115" });
        simulator.Panel.Name(SatelNameKind.Partition, 1, "Biuro");
        simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi wejściowe", function: 1);
        simulator.Panel.AssignZone(3, 1);
        simulator.Panel.Name(SatelNameKind.Output, 2, "Syrena zewnętrz", function: 4);
        simulator.Panel.SetOutput(2, on: true);
        await using var server = await InMemoryServer.StartAsync(provider,
            settings: new Dictionary<string, string?> { ["Satel:UnknownAfterSeconds"] = "2", ["Satel:RequestTimeoutMilliseconds"] = "300" });
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var operatorClient = await server.SignedInAsync("operator", Role.Operator);
        using var created = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "bank panel", kind = "ALARM_PANEL", address = $"127.0.0.1:{simulator.Port}" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var priority = await admin.PutAsJsonAsync($"/api/v1/panels/{id}/zones/3/priority", new { priorityOverride = "LOW" });
        Assert.Equal(HttpStatusCode.NoContent, priority.StatusCode);

        var panel = await WaitForAsync(operatorClient, $"/api/v1/panels/{id}",
            p => p.GetProperty("namesReadAt").ValueKind != JsonValueKind.Null && p.GetProperty("connection").GetString() == "CONNECTED");
        var zones = await WaitForAsync(operatorClient, $"/api/v1/panels/{id}/zones", z => Has(z, 3, e => e.GetProperty("status").GetString() == "NORMAL"));
        var outputs = await WaitForAsync(operatorClient, $"/api/v1/panels/{id}/outputs", o => Has(o, 2, e => e.GetProperty("on").ValueKind == JsonValueKind.True));

        var versions = panel.GetProperty("versions");
        Assert.Equal((0, "INTEGRA 24", "1.12 2020-01-15", "1.11 2018-06-15"), (versions.GetProperty("panelType").GetInt32(), versions.GetProperty("model").GetString(),
            versions.GetProperty("firmwareVersion").GetString(), versions.GetProperty("moduleVersion").GetString()));
        Assert.Equal(4, panel.GetProperty("partitions").GetArrayLength());
        Assert.Equal(("Biuro", "DISARMED"), (Entry(panel.GetProperty("partitions"), 1).GetProperty("name").GetString(), Entry(panel.GetProperty("partitions"), 1).GetProperty("status").GetString()));
        Assert.Equal(24, zones.GetArrayLength());
        var door = Entry(zones, 3);
        Assert.Equal(("Drzwi wejściowe", 1, "CRITICAL", "LOW", "LOW"), (door.GetProperty("name").GetString(), door.GetProperty("partition").GetInt32(),
            door.GetProperty("defaultPriority").GetString(), door.GetProperty("priorityOverride").GetString(), door.GetProperty("priority").GetString()));
        Assert.Equal(JsonValueKind.Null, Entry(zones, 4).GetProperty("name").ValueKind);
        Assert.Equal(20, outputs.GetArrayLength());
        Assert.Equal("Syrena zewnętrz", Entry(outputs, 2).GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.False, Entry(outputs, 1).GetProperty("on").ValueKind);
    }

    private static JsonElement Entry(JsonElement list, int number) =>
        list.EnumerateArray().First(e => e.GetProperty("number").GetInt32() == number);

    private static bool Has(JsonElement list, int number, Func<JsonElement, bool> condition) =>
        list.EnumerateArray().Any(e => e.GetProperty("number").GetInt32() == number && condition(e));

    /// <summary>Reads the resource until it matches; fails after 20 s.</summary>
    private static async Task<JsonElement> WaitForAsync(HttpClient client, string path, Func<JsonElement, bool> condition)
    {
        JsonElement found = default;
        await WaitUntilAsync(async () =>
        {
            found = await client.GetFromJsonAsync<JsonElement>(path);
            return condition(found);
        });
        return found;
    }
}
