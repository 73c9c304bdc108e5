using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core.Events;
using Sotp.Core.Users;
using Sotp.Testing;
using Sotp.Testing.Satel;

namespace Sotp.Server.Tests;

/// <summary>/api/v1/panels end to end: the server's worker on a simulated ETHM-1, commands with the user code from a secret.</summary>
public sealed class PanelsApiTests : IAsyncLifetime
{
    private const string UserCode = "1234";

    private readonly Ethm1Simulator _simulator = new();
    private readonly RecordingEventSink _events = new();
    private InMemoryServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _simulator.Panel.AddUser(UserCode, 1, 2);
        _simulator.Panel.AssignZone(3, 1);
        _server = await InMemoryServer.StartAsync(
            settings: new Dictionary<string, string?> { ["Satel:UnknownAfterSeconds"] = "2", ["Satel:RequestTimeoutMilliseconds"] = "300" },
            services: services => services.AddSingleton<IEventSink>(_events));
        _admin = await _server.SignedInAsync("panel-admin", Role.Admin);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task ArmFromTheApi_IsAcked_TheStateReadsArmed_AndBothStepsAreAudited()
    {
        var id = await CreateConnectedPanelAsync(UserCode);

        using var armed = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/arm", new { partitions = new[] { 1 }, mode = 0 });
        var command = await armed.Content.ReadFromJsonAsync<JsonElement>();
        await WaitForStateAsync(id, state => Partition(state, 1) == "ARMED");

        Assert.Equal(HttpStatusCode.OK, armed.StatusCode);
        Assert.Equal(("ACK", 0, "OK"), (command.GetProperty("status").GetString(), command.GetProperty("resultCode").GetInt32(), command.GetProperty("result").GetString()));
        var listed = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/panels/{id}/commands");
        Assert.Equal("ACK", Assert.Single(listed.EnumerateArray()).GetProperty("status").GetString());
        var master = await _server.SignedInAsync("panel-master", Role.Master);
        var audit = await master.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=panel.command_result");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("panel-admin", entry.GetProperty("actorName").GetString());
        Assert.Contains("ACK", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(UserCode, entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await master.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=panel.command")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AWrongUserCode_IsNacked_WithTheReason()
    {
        var id = await CreateConnectedPanelAsync("9999");

        using var disarmed = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/disarm", new { partitions = new[] { 1 } });
        var command = await disarmed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("NACK", 1, "user code not found"), (command.GetProperty("status").GetString(), command.GetProperty("resultCode").GetInt32(), command.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task OutputsAndClearAlarm_AreSentAndConfirmedByTheState()
    {
        var id = await CreateConnectedPanelAsync(UserCode);
        _simulator.Panel.RaiseAlarm(1, zone: 3);
        await WaitForStateAsync(id, state => Partition(state, 1) == "ALARM");

        using var on = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/outputs/on", new { outputs = new[] { 7 } });
        using var clear = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/clear-alarm", new { partitions = new[] { 1 } });
        var state = await WaitForStateAsync(id, s => Partition(s, 1) == "DISARMED" && s.GetProperty("outputs").EnumerateArray().Any(o => o.GetInt32() == 7));

        Assert.Equal("ACK", (await on.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("ACK", (await clear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("CONNECTED", state.GetProperty("connection").GetString());
    }

    [Fact]
    public async Task APanelWithoutAUserCode_RefusesCommands()
    {
        var id = await CreatePanelAsync(null);

        using var armed = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/arm", new { partitions = new[] { 1 } });

        await ProblemAssert.IsProblemAsync(armed, HttpStatusCode.Conflict, "panel_user_code_missing");
    }

    [Fact]
    public async Task BadPartitionsOrMode_AreRefusedField_ByField()
    {
        var id = await CreatePanelAsync(null);

        using var armed = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/arm", new { partitions = new[] { 0, 33 }, mode = 4 });

        var problem = await ProblemAssert.IsProblemAsync(armed, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("partitions", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("mode", out _));
    }

    [Fact]
    public async Task AnOperator_SeesTheStateButMayNotArm()
    {
        var id = await CreateConnectedPanelAsync(UserCode);
        var operatorClient = await _server.SignedInAsync("operator", Role.Operator);

        using var state = await operatorClient.GetAsync($"/api/v1/panels/{id}/state");
        using var armed = await operatorClient.PostAsJsonAsync($"/api/v1/panels/{id}/arm", new { partitions = new[] { 1 } });

        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        await ProblemAssert.IsProblemAsync(armed, HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(_simulator.Panel.Partitions(0x0A));
    }

    [Fact]
    public async Task Release_DisconnectsTheWorker_RefusesCommands_AndIsAudited()
    {
        var id = await CreateConnectedPanelAsync(UserCode);

        using var released = await _admin.PostAsync($"/api/v1/panels/{id}/release?minutes=30", null);
        await _simulator.WaitUntilFreeAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var state = await WaitForStateAsync(id, s => s.GetProperty("connection").GetString() == "RELEASED");
        using var armed = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/arm", new { partitions = new[] { 1 } });
        await using var installer = await Collectors.Satel.SatelClient.ConnectAsync("127.0.0.1", _simulator.Port);

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.True(state.GetProperty("releasedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(29));
        await ProblemAssert.IsProblemAsync(armed, HttpStatusCode.Conflict, "panel_released");
        Assert.Equal("INTEGRA 128 PLUS", (await installer.ReadPanelAsync()).Model);
        var master = await _server.SignedInAsync("panel-master", Role.Master);
        var audit = await master.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=panel.released");
        Assert.Contains("30 min", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseMinutes_AreLimited()
    {
        var id = await CreateConnectedPanelAsync(UserCode);

        using var none = await _admin.PostAsync($"/api/v1/panels/{id}/release", null);
        using var tooLong = await _admin.PostAsync($"/api/v1/panels/{id}/release?minutes=241", null);

        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task APulledCable_ShowsUnknown_ThenTheStateComesBack_WithoutADuplicateAlarm()
    {
        var id = await CreateConnectedPanelAsync(UserCode);
        _simulator.Panel.ViolateZone(3);
        await WaitForStateAsync(id, s => Zone(s, 3) == "VIOLATED");

        _simulator.Silent = true;
        var lost = await WaitForStateAsync(id, s => Zone(s, 3) == "UNKNOWN");
        _simulator.Silent = false;
        var back = await WaitForStateAsync(id, s => Zone(s, 3) == "VIOLATED" && s.GetProperty("connection").GetString() == "CONNECTED");

        Assert.All(lost.GetProperty("partitions").EnumerateArray(), p => Assert.Equal("UNKNOWN", p.GetProperty("status").GetString()));
        Assert.Equal("DISARMED", Partition(back, 1));
        Assert.Single(_events.Events, e => e.Code == "zone_violation");
    }

    [Fact]
    public async Task TheTimeline_ListsEachPartitionAndZoneChange_NewestFirst()
    {
        var id = await CreateConnectedPanelAsync(UserCode);

        using var armed = await _admin.PostAsJsonAsync($"/api/v1/panels/{id}/arm", new { partitions = new[] { 1 }, mode = 0 });
        await WaitForStateAsync(id, s => Partition(s, 1) == "ARMED");
        _simulator.Panel.ViolateZone(3);
        await WaitForStateAsync(id, s => Zone(s, 3) == "VIOLATED");
        var lines = await WaitForHistoryAsync(id, 2);

        Assert.Equal(
            [("ZONE", 3, "NORMAL", "VIOLATED"), ("PARTITION", 1, "DISARMED", "ARMED")],
            lines.Select(l => (l.GetProperty("item").GetString(), l.GetProperty("number").GetInt32(), l.GetProperty("from").GetString(), l.GetProperty("to").GetString())));
        using var tooMany = await _admin.GetAsync($"/api/v1/panels/{id}/history?limit=1001");
        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task AZonesPriorityOverride_AppliesAtOnce_ToItsAlarms_AndIsAudited()
    {
        var id = await CreateConnectedPanelAsync(UserCode);

        using var set = await _admin.PutAsJsonAsync($"/api/v1/panels/{id}/zones/3/priority", new { priorityOverride = "LOW" });
        var state = await WaitForStateAsync(id, s => ZonePriority(s, 3) == "LOW" && s.GetProperty("connection").GetString() == "CONNECTED");
        _simulator.Panel.ViolateZone(3);
        await WaitForStateAsync(id, s => Zone(s, 3) == "VIOLATED");
        var operatorClient = await _server.SignedInAsync("operator", Role.Operator);
        using var refused = await operatorClient.PutAsJsonAsync($"/api/v1/panels/{id}/zones/3/priority", new { priorityOverride = "INFO" });
        using var outOfRange = await _admin.PutAsJsonAsync($"/api/v1/panels/{id}/zones/0/priority", new { priorityOverride = "INFO" });

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("CRITICAL", ZonePriority(state, 4));
        Assert.Equal(EventPriority.Low, Assert.Single(_events.Events, e => e.Code == "zone_violation").Priority);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(outOfRange, HttpStatusCode.BadRequest, "validation_failed");
        var master = await _server.SignedInAsync("panel-master", Role.Master);
        var audit = await master.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=panel.zone_priority");
        Assert.Equal("zone 3: default → LOW", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task APanelThatIsNotWatched_StillListsItsZonesWithTheirOverrides_AsUnknown()
    {
        using var created = await _admin.PostAsJsonAsync("/api/v1/devices",
            new { siteId = 1, name = "off", kind = "ALARM_PANEL", address = $"127.0.0.1:{_simulator.Port}", enabled = false });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var set = await _admin.PutAsJsonAsync($"/api/v1/panels/{id}/zones/5/priority", new { priorityOverride = "HIGH" });

        var zones = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/panels/{id}/zones");
        var outputs = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/panels/{id}/outputs");
        var panel = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/panels/{id}");
        using var state = await _admin.GetAsync($"/api/v1/panels/{id}/state");

        var zone = Assert.Single(zones.EnumerateArray());
        Assert.Equal((5, "UNKNOWN", "HIGH", JsonValueKind.Null), (zone.GetProperty("number").GetInt32(), zone.GetProperty("status").GetString(),
            zone.GetProperty("priority").GetString(), zone.GetProperty("name").ValueKind));
        Assert.Equal(0, outputs.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, panel.GetProperty("versions").ValueKind);
        await ProblemAssert.IsProblemAsync(state, HttpStatusCode.Conflict, "panel_not_watched");
    }

    [Fact]
    public async Task TheStateOfADeviceThatIsNoPanel_IsNotFound()
    {
        using var created = await _admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "sw", kind = "SWITCH", address = "10.0.0.1" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var state = await _admin.GetAsync($"/api/v1/panels/{id}/state");
        using var zones = await _admin.GetAsync($"/api/v1/panels/{id}/zones");

        await ProblemAssert.IsProblemAsync(state, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(zones, HttpStatusCode.NotFound, "not_found");
    }

    private async Task<List<JsonElement>> WaitForHistoryAsync(long id, int count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var lines = (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/panels/{id}/history", guard.Token)).EnumerateArray().ToList();
            if (lines.Count >= count)
            {
                return lines;
            }

            await Task.Delay(50, guard.Token);
        }
    }

    private async Task<long> CreateConnectedPanelAsync(string userCode)
    {
        var id = await CreatePanelAsync(userCode);
        await WaitForStateAsync(id, s => s.GetProperty("connection").GetString() == "CONNECTED" && Partition(s, 1) == "DISARMED");
        return id;
    }

    private async Task<long> CreatePanelAsync(string? userCode)
    {
        long? secretId = null;
        if (userCode is not null)
        {
            using var secret = await _admin.PostAsJsonAsync("/api/v1/secrets", new { name = "panel code", kind = "PANEL_USER_CODE", siteId = 1, value = userCode });
            Assert.Equal(HttpStatusCode.Created, secret.StatusCode);
            secretId = (await secret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        using var created = await _admin.PostAsJsonAsync("/api/v1/devices", new
        {
            siteId = 1,
            name = "panel",
            kind = "ALARM_PANEL",
            address = $"127.0.0.1:{_simulator.Port}",
            credentials = new { panelUserCodeSecretId = secretId },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Reads the state until it matches; fails after 20 s. The panel is polled about once a second.</summary>
    private async Task<JsonElement> WaitForStateAsync(long id, Func<JsonElement, bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            using var response = await _admin.GetAsync($"/api/v1/panels/{id}/state", guard.Token);
            if (response.IsSuccessStatusCode)
            {
                var state = await response.Content.ReadFromJsonAsync<JsonElement>(guard.Token);
                if (condition(state))
                {
                    return state;
                }
            }

            await Task.Delay(100, guard.Token);
        }
    }

    private static string? Partition(JsonElement state, int number) => Status(state, "partitions", number);

    private static string? Zone(JsonElement state, int number) => Status(state, "zones", number);

    private static string? ZonePriority(JsonElement state, int number) =>
        state.GetProperty("zones").EnumerateArray().FirstOrDefault(z => z.GetProperty("number").GetInt32() == number) is { ValueKind: JsonValueKind.Object } zone
            ? zone.GetProperty("priority").GetString()
            : null;

    private static string? Status(JsonElement state, string list, int number) =>
        state.GetProperty(list).EnumerateArray().Where(p => p.GetProperty("number").GetInt32() == number).Select(p => p.GetProperty("status").GetString()).FirstOrDefault();
}
