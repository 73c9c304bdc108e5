using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core;
using Sotp.Core.Sites;
using Sotp.Core.Snmp;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class SnmpApiTests
{
    private const string Password = "night shift on duty";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ADevicesSnmpState_ShowsStatusSystemAndInterfaces(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var board = server.Factory.Services.GetRequiredService<SnmpBoard>();
        board.Succeeded(new SnmpDeviceView(1, SnmpPollStatus.Ok, null, At, At,
            SnmpSystemView.From(new SnmpSystem("Linux lab", "1.3.6.1.4.1.8072.3.2.10", "lab", 12_345)),
            [new SnmpInterfaceView(1, "lo", null, 10_000_000, InterfaceStatus.Up, InterfaceStatus.Up, 8_000, 8_000)], 12.5, 40));

        var ok = await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices/1/snmp");
        board.Failed(1, SnmpPollStatus.Timeout, "no answer", At.AddMinutes(5));
        var failed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices/1/snmp");

        Assert.Equal("OK", ok.GetProperty("status").GetString());
        Assert.Equal(("Net-SNMP", "SERVER", 123.45), (ok.GetProperty("system").GetProperty("vendor").GetString(),
            ok.GetProperty("system").GetProperty("kind").GetString(), ok.GetProperty("system").GetProperty("upTimeSeconds").GetDouble()));
        var loopback = Assert.Single(ok.GetProperty("interfaces").EnumerateArray());
        Assert.Equal(("lo", "UP", 8_000.0), (loopback.GetProperty("name").GetString(), loopback.GetProperty("operStatus").GetString(), loopback.GetProperty("inBps").GetDouble()));
        // After a failed poll: what was found stays, what was measured goes.
        Assert.Equal(("TIMEOUT", "no answer"), (failed.GetProperty("status").GetString(), failed.GetProperty("reason").GetString()));
        Assert.Equal(At, failed.GetProperty("lastSuccessAt").GetDateTimeOffset());
        var stale = Assert.Single(failed.GetProperty("interfaces").EnumerateArray());
        Assert.Equal(("lo", JsonValueKind.Null), (stale.GetProperty("name").GetString(), stale.GetProperty("inBps").ValueKind));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("cpuPercent").ValueKind);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ADeviceWithoutSnmpCredentials_IsNotPolled_AndSaysWhy(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var operatorClient = await server.SignedInAsync("op", Role.Operator);

        var state = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/devices/1/snmp");

        Assert.Equal(("NOT_POLLED", "the device has no SNMP credentials"), (state.GetProperty("status").GetString(), state.GetProperty("reason").GetString()));
        Assert.Empty(state.GetProperty("interfaces").EnumerateArray());
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ATechnician_SeesOnlyTheirSitesDevices_AndGets404ForOthers(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var site = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Mine" });
        var mine = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var created = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = mine, name = "my-switch", kind = "SWITCH", address = "10.9.0.1" });
        var myDevice = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await server.CreateUserAsync("tech", Role.Technician, Password);
        var tech = (await server.Store.Get<IUserStore>().FindByUsernameAsync("tech", CancellationToken.None))!;
        await server.Store.Get<ISiteStore>().AssignSitesAsync(tech.Id, [mine], new Caller(null, "test", Role.Master), CancellationToken.None);
        var (client, _) = await server.LoginClientAsync("tech", Password);

        using var own = await client.GetAsync($"/api/v1/devices/{myDevice}/snmp");
        using var demo = await client.GetAsync("/api/v1/devices/1/snmp");
        using var missing = await admin.GetAsync("/api/v1/devices/999999/snmp");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await ProblemAssert.IsProblemAsync(demo, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WithoutALogin_TheStateIsRefused()
    {
        await using var server = await InMemoryServer.StartAsync();

        using var response = await server.Client.GetAsync("/api/v1/devices/1/snmp");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
