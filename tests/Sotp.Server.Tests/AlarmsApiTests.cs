using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

[Collection(ProcessMetricsCollection.Name)]
public class AlarmsApiTests
{
    /// <summary>The demo site and device every fresh server has.</summary>
    private const long DemoSite = 1;

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnOperator_TakesAnEventsAlarmFromQueueToClosed(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var operatorClient = await server.SignedInAsync("anna", Role.Operator);

        var filed = await PostEventAsync(admin, new { siteId = DemoSite, category = "intrusion", code = "zone_alarm", priority = "CRITICAL", message = "zone 3 violated", dedupKey = "p1:zone_alarm:3:0300" });
        var repeat = await PostEventAsync(admin, new { siteId = DemoSite, category = "intrusion", code = "zone_alarm", priority = "CRITICAL", message = "zone 3 violated", dedupKey = "p1:zone_alarm:3:0300" });
        var queue = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/alarms?state=open");
        var alarm = Assert.Single(queue.GetProperty("items").EnumerateArray());
        var id = alarm.GetProperty("id").GetInt64();

        Assert.Equal(("OPENED", "DUPLICATE"), (filed.GetProperty("result").GetString(), repeat.GetProperty("result").GetString()));
        Assert.Equal(("NEW", "CRITICAL", 1L), (alarm.GetProperty("state").GetString(), alarm.GetProperty("priority").GetString(), alarm.GetProperty("version").GetInt64()));

        var version = 1L;
        foreach (var (step, body) in new (string, object)[] { ("claim", new { }), ("start", new { }), ("ack", new { note = "police called" }), ("resolve", new { }), ("close", new { }) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alarms/{id}/{step}") { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(new($"\"{version}\""));
            using var response = await operatorClient.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            version = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        }

        var closed = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{id}");
        var log = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{id}/log");
        var events = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{id}/events");
        Assert.Equal(("CLOSED", "police called"), (closed.GetProperty("state").GetString(), closed.GetProperty("ackNote").GetString()));
        Assert.Equal(6, log.GetArrayLength());
        Assert.Equal(1, Assert.Single(events.EnumerateArray()).GetProperty("repeats").GetInt32());
    }

    [Fact]
    public async Task StaleVersions_AndStepsOutOfOrder_Get409_WithStableCodes()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var anna = await server.SignedInAsync("anna", Role.Operator);
        var bob = await server.SignedInAsync("bob", Role.Operator);
        var id = (await PostEventAsync(admin, new { siteId = DemoSite, category = "fire", code = "smoke", message = "smoke in hall" })).GetProperty("alarmId").GetInt64();

        using var claimed = await anna.PostAsJsonAsync($"/api/v1/alarms/{id}/claim", new { version = 1 });
        using var stale = await bob.PostAsJsonAsync($"/api/v1/alarms/{id}/claim", new { version = 1 });
        using var taken = await bob.PostAsJsonAsync($"/api/v1/alarms/{id}/claim", new { version = 2 });
        using var early = await anna.PostAsJsonAsync($"/api/v1/alarms/{id}/resolve", new { version = 2 });
        using var noVersion = await anna.PostAsync($"/api/v1/alarms/{id}/start", null);

        claimed.EnsureSuccessStatusCode();
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
        await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict, "alarm_claimed");
        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict, "invalid_transition");
        await ProblemAssert.IsProblemAsync(noVersion, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Roles_SeeAndHandleAlarms_AsThePermissionMatrixSays()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var field = await server.SignedInAsync("field", Role.FieldWorker);
        var auditor = await server.SignedInAsync("auditor", Role.Auditor);
        var operatorClient = await server.SignedInAsync("anna", Role.Operator);
        var id = (await PostEventAsync(admin, new { siteId = DemoSite, category = "fire", code = "smoke", message = "smoke" })).GetProperty("alarmId").GetInt64();

        using var adminClaims = await admin.PostAsJsonAsync($"/api/v1/alarms/{id}/claim", new { version = 1 });
        using var fieldReads = await field.GetAsync("/api/v1/alarms");
        using var auditorReads = await auditor.GetAsync($"/api/v1/alarms/{id}");
        using var auditorClaims = await auditor.PostAsJsonAsync($"/api/v1/alarms/{id}/claim", new { version = 1 });
        using var operatorPosts = await operatorClient.PostAsJsonAsync("/api/v1/events", new { siteId = DemoSite, category = "fire", code = "smoke", message = "test" });

        await ProblemAssert.IsProblemAsync(adminClaims, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(fieldReads, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, auditorReads.StatusCode);
        await ProblemAssert.IsProblemAsync(auditorClaims, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(operatorPosts, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ATechnician_SeesOnlyAlarmsOfAssignedSites()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Depot" });
        var depot = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var demoAlarm = (await PostEventAsync(admin, new { siteId = DemoSite, category = "fire", code = "smoke", message = "smoke" })).GetProperty("alarmId").GetInt64();
        var depotAlarm = (await PostEventAsync(admin, new { siteId = depot, category = "fire", code = "smoke", message = "smoke" })).GetProperty("alarmId").GetInt64();
        await server.CreateUserAsync("tech", Role.Technician, InMemoryServer.TestPassword);
        var tech = (await server.Store.Get<IUserStore>().FindByUsernameAsync("tech", CancellationToken.None))!;
        await server.Store.Get<ISiteStore>().AssignSitesAsync(tech.Id, [depot], new Caller(null, "test", Role.Master), CancellationToken.None);
        var (client, _) = await server.LoginClientAsync("tech", InMemoryServer.TestPassword);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/alarms");
        using var hidden = await client.GetAsync($"/api/v1/alarms/{demoAlarm}");

        Assert.Equal([depotAlarm], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        await ProblemAssert.IsProblemAsync(hidden, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task BadEvents_AreRefusedClearly_AndBatchesReportEachEvent()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var unknownDevice = await admin.PostAsJsonAsync("/api/v1/events", new { deviceId = 999, category = "fire", code = "smoke", message = "smoke" });
        using var invalid = await admin.PostAsJsonAsync("/api/v1/events", new { siteId = DemoSite, category = "Fire!", message = "" });
        using var badPriority = await admin.PostAsJsonAsync("/api/v1/events", new { siteId = DemoSite, category = "fire", code = "smoke", message = "x", priority = "URGENT" });
        var tooMany = Enumerable.Range(0, 501).Select(i => new { siteId = DemoSite, category = "fire", code = "smoke", message = "x" }).ToList();
        using var oversized = await admin.PostAsJsonAsync("/api/v1/events/batch", new { events = tooMany });
        using var batch = await admin.PostAsJsonAsync("/api/v1/events/batch", new
        {
            events = new object[]
            {
                new { siteId = DemoSite, category = "fire", code = "smoke", message = "first", dedupKey = "b1" },
                new { siteId = 999, category = "fire", code = "smoke", message = "nowhere" },
                new { siteId = DemoSite, category = "fire", code = "smoke", message = "second" },
                new { siteId = DemoSite, category = "fire", code = "smoke", message = "first again", dedupKey = "b1" },
            },
        });

        var unknown = await ProblemAssert.IsProblemAsync(unknownDevice, HttpStatusCode.UnprocessableEntity, "unknown_reference");
        Assert.Contains("device 999", unknown.GetProperty("detail").GetString());
        var fields = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["category", "code", "message"], fields.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, badPriority.StatusCode);
        await ProblemAssert.IsProblemAsync(oversized, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        var outcomes = (await batch.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["OPENED", null, "JOINED", "DUPLICATE"], outcomes.Select(o => o.GetProperty("result").GetString()));
        Assert.Equal("unknown_reference", outcomes[1].GetProperty("error").GetString());
        var metrics = await server.Client.GetStringAsync("/metrics");
        Assert.Matches("sotp_events_rejected_total\\{[^}]*reason=\"unknown_reference\"[^}]*\\} 2", metrics); // The single event and the batch's.
    }

    internal static async Task<JsonElement> PostEventAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/events", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
