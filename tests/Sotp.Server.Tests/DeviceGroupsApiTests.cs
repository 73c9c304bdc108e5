using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class DeviceGroupsApiTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AGroup_FiltersDevices_HasUniqueNames_AndOutlivesNoDeletedDevice(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        await server.CreateUserAsync("admin2", Role.Admin, Password);
        var (admin, _) = await server.LoginClientAsync("admin2", Password);
        using var device = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "fw1", kind = "FIREWALL", address = "10.3.0.1" });
        var deviceId = (await device.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var created = await admin.PostAsJsonAsync("/api/v1/device-groups", new { name = "Firewalls", deviceIds = new[] { deviceId } });
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var duplicate = await admin.PostAsJsonAsync("/api/v1/device-groups", new { name = "FIREWALLS" });
        using var unknownDevice = await admin.PutAsJsonAsync($"/api/v1/device-groups/{groupId}", new { name = "Firewalls", deviceIds = new[] { 999 }, version = 1 });
        var members = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices?groupId={groupId}");
        using var deleted = await admin.DeleteAsync($"/api/v1/devices/{deviceId}?version=1");
        var group = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/device-groups/{groupId}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "conflict");
        await ProblemAssert.IsProblemAsync(unknownDevice, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["fw1"], members.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, group.GetProperty("deviceIds").GetArrayLength());
    }
}
