using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core;
using Sotp.Core.Monitoring;
using Sotp.Core.Sites;
using Sotp.Core.Users;

namespace Sotp.Server.Tests;

public class DeviceStatusApiTests
{
    private const string Password = "night shift on duty";
    private static readonly DateTimeOffset At = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheOverview_CountsEveryEnabledDevice_AndListsTheOnesAskedFor()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var second = await CreateDeviceAsync(admin, 1, "core-sw", "10.0.0.2");
        await CreateDeviceAsync(admin, 1, "never-probed", "10.0.0.3");
        var board = server.Factory.Services.GetRequiredService<DeviceStatusBoard>();
        board.Report(new DeviceState(1, DeviceStatus.Up, null, At, 0.05, 0, "0.05 ms"), new StatusChange(1, DeviceStatus.Unknown, DeviceStatus.Up, At, "0.05 ms"));
        board.Report(new DeviceState(second, DeviceStatus.Down, null, At, null, 100, "3 of 3 lost"), new StatusChange(second, DeviceStatus.Unknown, DeviceStatus.Down, At, "3 of 3 lost"));

        var overview = await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices/status?status=DOWN");
        var one = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{second}/status");

        Assert.Equal((1, 1, 1), (overview.GetProperty("up").GetInt32(), overview.GetProperty("down").GetInt32(), overview.GetProperty("unknown").GetInt32()));
        var down = Assert.Single(overview.GetProperty("items").EnumerateArray());
        Assert.Equal(second, down.GetProperty("deviceId").GetInt64());
        Assert.Equal("DOWN", one.GetProperty("status").GetString());
        Assert.Equal(100, one.GetProperty("lossPercent").GetDouble());
        Assert.Equal(At, one.GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task AFieldWorker_CountsOnlyTheDevicesOfTheirSites_AndGets404ForOthers()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var site = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Mine" });
        var mine = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await CreateDeviceAsync(admin, mine, "my-panel", "10.9.0.1");
        await server.CreateUserAsync("field", Role.FieldWorker, Password);
        var field = (await server.Store.Get<IUserStore>().FindByUsernameAsync("field", CancellationToken.None))!;
        await server.Store.Get<ISiteStore>().AssignSitesAsync(field.Id, [mine], new Caller(null, "test", Role.Master), CancellationToken.None);
        var (client, _) = await server.LoginClientAsync("field", Password);

        var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/devices/status");
        using var demo = await client.GetAsync("/api/v1/devices/1/status");

        Assert.Equal(1, overview.GetProperty("unknown").GetInt32() + overview.GetProperty("up").GetInt32() + overview.GetProperty("down").GetInt32());
        await ProblemAssert.IsProblemAsync(demo, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("status=SIDEWAYS", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task BadFilters_AreRefusedNamingTheField(string query, string field)
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var response = await admin.GetAsync($"/api/v1/devices/status?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    private static async Task<long> CreateDeviceAsync(HttpClient client, long siteId, string name, string address)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/devices", new { siteId, name, kind = "SWITCH", address });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
