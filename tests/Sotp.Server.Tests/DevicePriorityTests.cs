using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>A device's priority override, applied to its events before service mode lowers them.</summary>
public class DevicePriorityTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ADevicesOverride_ReplacesItsEventsPriority_AndServiceModeStillLowersIt(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var printer = await CreateAsync(admin, new { siteId = 1, name = "printer", kind = "OTHER", address = "10.0.0.9", priorityOverride = "LOW" });
        var plain = await CreateAsync(admin, new { siteId = 1, name = "router", kind = "ROUTER", address = "10.0.0.1" });
        using var site = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Branch in service", status = "SERVICE" });
        var serviced = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var vault = await CreateAsync(admin, new { siteId = serviced, name = "vault sensor", kind = "OTHER", address = "10.0.1.9", priorityOverride = "HIGH" });
        using var bad = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "x", kind = "OTHER", address = "10.0.0.8", priorityOverride = "URGENT" });
        var printerAlarm = await AlarmOfAsync(admin, printer, "CRITICAL", "intrusion");
        using var cleared = await admin.PutAsJsonAsync($"/api/v1/devices/{printer.GetProperty("id").GetInt64()}",
            new { siteId = 1, name = "printer", kind = "OTHER", address = "10.0.0.9", version = 1 });

        var plainAlarm = await AlarmOfAsync(admin, plain, "CRITICAL", "power");
        var vaultAlarm = await AlarmOfAsync(admin, vault, "INFO", "intrusion");
        var clearedAlarm = await AlarmOfAsync(admin, await cleared.Content.ReadFromJsonAsync<JsonElement>(), "CRITICAL", "fire");

        Assert.Equal("LOW", printer.GetProperty("priorityOverride").GetString());
        Assert.Equal(("LOW", false), printerAlarm);
        Assert.Equal(("CRITICAL", false), plainAlarm);
        Assert.Equal(("MEDIUM", true), vaultAlarm); // HIGH from the device, one step lower in service mode.
        Assert.Equal(("CRITICAL", false), clearedAlarm);
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("priorityOverride", out _));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/devices", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <returns>The priority and silence of the alarm an event of the device opened.</returns>
    private static async Task<(string? Priority, bool Silent)> AlarmOfAsync(HttpClient admin, JsonElement device, string priority, string category)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/events", new
        {
            deviceId = device.GetProperty("id").GetInt64(), category, code = "test", priority, message = "something happened", dedupKey = $"test:{Guid.NewGuid():N}",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var alarmId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarmId").GetInt64();
        var alarm = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}");
        return (alarm.GetProperty("priority").GetString(), alarm.GetProperty("silent").GetBoolean());
    }
}
