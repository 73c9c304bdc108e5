using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Sites;
using Sotp.Core.Users;

namespace Sotp.Server.Tests;

public class LiveSocketTests
{
    private const long DemoSite = 1;

    private static Task<LiveClient> ConnectAsync(InMemoryServer server, HttpClient signedIn, long? since = null)
    {
        var sockets = server.Factory.Server.CreateWebSocketClient();
        return LiveClient.ConnectAsync(signedIn, uri => sockets.ConnectAsync(uri, CancellationToken.None), server.Factory.Server.BaseAddress, since);
    }

    [Fact]
    public async Task AnOperatorsConsole_GetsEveryAlarmChangeLive_AndCatchesUpWithSince()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var anna = await server.SignedInAsync("anna", Role.Operator);
        await using var live = await ConnectAsync(server, anna);

        var alarmId = (await AlarmsApiTests.PostEventAsync(admin, new { siteId = DemoSite, category = "fire", code = "smoke", message = "smoke in hall" })).GetProperty("alarmId").GetInt64();
        var opened = await live.NextAsync();
        using var claim = await anna.PostAsJsonAsync($"/api/v1/alarms/{alarmId}/claim", new { version = 1 });
        var claimed = await live.NextAsync();
        await AlarmsApiTests.PostEventAsync(admin, new { siteId = DemoSite, category = "fire", code = "smoke", message = "more smoke" });
        var joined = await live.NextAsync();

        Assert.Equal((1L, "alarm.opened", alarmId), (opened.GetProperty("seq").GetInt64(), opened.GetProperty("type").GetString(), opened.GetProperty("payload").GetProperty("id").GetInt64()));
        Assert.Equal((2L, "CLAIMING"), (claimed.GetProperty("seq").GetInt64(), claimed.GetProperty("payload").GetProperty("state").GetString()));
        Assert.Equal((3L, 2), (joined.GetProperty("seq").GetInt64(), joined.GetProperty("payload").GetProperty("eventCount").GetInt32()));

        await using var late = await ConnectAsync(server, anna, since: 1);
        var missed = await late.UntilSeqAsync(3);
        Assert.Equal([2L, 3L], missed.Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task ATechniciansConsole_GetsOnlyAssignedSites()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Depot" });
        var depot = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await server.CreateUserAsync("tech", Role.Technician, InMemoryServer.TestPassword);
        var tech = (await server.Store.Get<IUserStore>().FindByUsernameAsync("tech", CancellationToken.None))!;
        await server.Store.Get<ISiteStore>().AssignSitesAsync(tech.Id, [depot], new Caller(null, "test", Role.Master), CancellationToken.None);
        var (client, _) = await server.LoginClientAsync("tech", InMemoryServer.TestPassword);
        await using var live = await ConnectAsync(server, client);

        await AlarmsApiTests.PostEventAsync(admin, new { siteId = DemoSite, category = "fire", code = "smoke", message = "not theirs" });
        await AlarmsApiTests.PostEventAsync(admin, new { siteId = depot, category = "fire", code = "smoke", message = "theirs" });

        var first = await live.NextAsync();
        Assert.Equal((2L, depot), (first.GetProperty("seq").GetInt64(), first.GetProperty("payload").GetProperty("siteId").GetInt64()));
    }

    [Fact]
    public async Task WithoutAValidTicket_OrAsAFieldWorker_NoLiveChannelOpens()
    {
        await using var server = await InMemoryServer.StartAsync();
        var field = await server.SignedInAsync("field", Role.FieldWorker);
        var sockets = server.Factory.Server.CreateWebSocketClient();

        var noTicket = await Assert.ThrowsAnyAsync<Exception>(() => sockets.ConnectAsync(new Uri(server.Factory.Server.BaseAddress, "/ws?ticket=forged"), CancellationToken.None));
        var forbidden = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(server, field));
        using var plainHttp = await server.Client.GetAsync("/ws");

        Assert.Contains("401", noTicket.Message);
        Assert.Contains("403", forbidden.Message);
        await ProblemAssert.IsProblemAsync(plainHttp, HttpStatusCode.BadRequest, "bad_request");
    }
}
