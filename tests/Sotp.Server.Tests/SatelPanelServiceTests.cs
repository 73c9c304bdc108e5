using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Collectors.Satel;
using Sotp.Core.Events;
using Sotp.Core.Users;
using Sotp.Server.Satel;
using Sotp.Testing;
using Sotp.Testing.Satel;

namespace Sotp.Server.Tests;

/// <summary>The panel host in the whole server: panels from the inventory, simulated ETHM-1 modules on loopback, a recording alarm core.</summary>
public sealed class SatelPanelServiceTests
{
    private readonly RecordingEventSink _events = new();

    [Fact]
    public async Task APanelCreatedThroughTheApi_IsWatched_AndAViolatedZoneReachesTheAlarmCore()
    {
        await using var simulator = new Ethm1Simulator();
        await using var server = await StartAsync();
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var id = await CreatePanelAsync(admin, $"127.0.0.1:{simulator.Port}");
        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        await WaitUntilAsync(() => panels.Find(id)?.Status == SatelConnectionStatus.Connected);

        simulator.Panel.ViolateZone(3);
        await WaitUntilAsync(() => _events.Events.Count > 0);

        var input = Assert.Single(_events.Events);
        Assert.Equal((id, 1L, "zone_violation", EventPriority.Critical), (input.DeviceId!.Value, input.SiteId!.Value, input.Code, input.Priority));
        Assert.True(panels.Active);
    }

    [Fact]
    public async Task APanelWithAnIntegrationKey_IsSpokenToEncrypted_AndAnUnusableKeyIsSaidPlainly()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { IntegrationKey = "Plus-key-7" });
        await using var server = await StartAsync();
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var good = await CreatePanelAsync(admin, $"127.0.0.1:{simulator.Port}", await CreateKeyAsync(admin, "Plus-key-7"));
        var bad = await CreatePanelAsync(admin, "127.0.0.1:7094", await CreateKeyAsync(admin, "far too long a key"));
        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        await WaitUntilAsync(() => panels.Find(good)?.Status == SatelConnectionStatus.Connected && panels.WhyNotWatched(bad) is not null);

        simulator.Panel.ViolateZone(3);
        await WaitUntilAsync(() => _events.Events.Count > 0);

        Assert.Equal("zone_violation", Assert.Single(_events.Events).Code);
        Assert.Equal(0, panels.Find(good)!.CorruptFrames);
        Assert.Null(panels.Find(bad));
        Assert.Contains("integration key", panels.WhyNotWatched(bad), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConnectionStatus_IsAGaugePerPanel_InMetrics()
    {
        await using var simulator = new Ethm1Simulator();
        await using var server = await StartAsync();
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var up = await CreatePanelAsync(admin, $"127.0.0.1:{simulator.Port}");
        var down = await CreatePanelAsync(admin, $"127.0.0.1:{await ClosedPortAsync()}");
        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        await WaitUntilAsync(() => panels.Find(up)?.Status == SatelConnectionStatus.Connected && panels.Find(down)?.Status == SatelConnectionStatus.Disconnected);

        var metrics = await server.Client.GetStringAsync("/metrics");

        Assert.Equal("1", Gauge(metrics, "satel_connection_status", up));
        Assert.Equal("0", Gauge(metrics, "satel_connection_status", down));
        Assert.Equal("0", Gauge(metrics, "satel_crc_errors_total", up));
    }

    [Fact]
    public async Task DeletingThePanel_StopsItsWorker_AndLetsGoOfTheModule()
    {
        await using var simulator = new Ethm1Simulator();
        await using var server = await StartAsync();
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var id = await CreatePanelAsync(admin, $"127.0.0.1:{simulator.Port}");
        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        await WaitUntilAsync(() => panels.Find(id)?.Status == SatelConnectionStatus.Connected);

        using var deleted = await admin.DeleteAsync($"/api/v1/devices/{id}?version=1");
        await simulator.WaitUntilFreeAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(panels.Find(id));
    }

    [Fact]
    public async Task ANewAddress_MovesTheWorkerToIt_WithoutARestart()
    {
        await using var first = new Ethm1Simulator();
        await using var second = new Ethm1Simulator();
        await using var server = await StartAsync();
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var id = await CreatePanelAsync(admin, $"127.0.0.1:{first.Port}");
        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        await WaitUntilAsync(() => panels.Find(id)?.Status == SatelConnectionStatus.Connected);

        using var moved = await admin.PutAsJsonAsync($"/api/v1/devices/{id}",
            new { siteId = 1, name = "panel", kind = "ALARM_PANEL", address = $"127.0.0.1:{second.Port}", version = 1 });
        await first.WaitUntilFreeAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => panels.Find(id) is { Status: SatelConnectionStatus.Connected } worker && worker.Endpoint.Port == second.Port);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.True(second.FramesReceived > 0);
    }

    [Fact]
    public async Task FiftyPanels_AreWatchedAtOnce_AndOneThatNeverAnswers_DelaysNoOther()
    {
        var simulators = Enumerable.Range(0, 50).Select(_ => new Ethm1Simulator()).ToList();
        await using var dead = new Ethm1Simulator { Silent = true };
        try
        {
            await using var server = await StartAsync();
            var admin = await server.SignedInAsync("panel-admin", Role.Admin);
            var deadId = await CreatePanelAsync(admin, $"127.0.0.1:{dead.Port}");
            var ids = new List<long>();
            foreach (var simulator in simulators)
            {
                ids.Add(await CreatePanelAsync(admin, $"127.0.0.1:{simulator.Port}"));
            }

            var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
            await WaitUntilAsync(() => ids.All(id => panels.Find(id)?.Status == SatelConnectionStatus.Connected));

            simulators[^1].Panel.ViolateZone(3);
            await WaitUntilAsync(() => _events.Events.Any(e => e.DeviceId == ids[^1]));

            Assert.NotEqual(SatelConnectionStatus.Connected, panels.Find(deadId)!.Status);
            Assert.Equal(51, panels.Workers.Count);
        }
        finally
        {
            foreach (var simulator in simulators)
            {
                await simulator.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WithSatelDisabled_NoPanelIsWatched()
    {
        await using var simulator = new Ethm1Simulator();
        await using var server = await InMemoryServer.StartAsync(settings: new Dictionary<string, string?> { ["Satel:Enabled"] = "false" });
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        await CreatePanelAsync(admin, $"127.0.0.1:{simulator.Port}");

        // A worker would have asked for new data within two poll intervals.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        while (simulator.FramesReceived == 0 && !wait.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        Assert.False(panels.Active);
        Assert.Empty(panels.Workers);
        Assert.Equal(0, simulator.FramesReceived);
    }

    private Task<InMemoryServer> StartAsync() =>
        InMemoryServer.StartAsync(services: services => services.AddSingleton<IEventSink>(_events));

    private static async Task<long> CreateKeyAsync(HttpClient admin, string key)
    {
        using var secret = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = $"integration key {Guid.NewGuid():N}", kind = "PANEL_INTEGRATION_KEY", siteId = 1, value = key });
        Assert.Equal(HttpStatusCode.Created, secret.StatusCode);
        return (await secret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<long> CreatePanelAsync(HttpClient admin, string address, long? integrationKeySecretId = null)
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/devices", new
        {
            siteId = 1, name = $"panel {address} {integrationKeySecretId}", kind = "ALARM_PANEL", address,
            credentials = new { panelIntegrationKeySecretId = integrationKeySecretId },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<int> ClosedPortAsync()
    {
        var closed = new Ethm1Simulator();
        var port = closed.Port;
        await closed.DisposeAsync();
        return port;
    }

    /// <summary>The value of a metric's series for one panel, from the Prometheus text.</summary>
    private static string? Gauge(string metrics, string name, long deviceId) =>
        Regex.Match(metrics, $@"^{name}\{{[^}}]*device_id=""{deviceId}""[^}}]*\}} (\S+)", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : null;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, guard.Token);
        }
    }
}
