using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Collectors.Satel;
using Sotp.Core.Users;
using Sotp.Server.Satel;
using Sotp.Storage;
using Sotp.Testing;
using Sotp.Testing.Satel;
using Xunit.Abstractions;

namespace Sotp.Server.Tests;

/// <summary>
/// A panel all the way to the operator's queue, with the real alarm core on both stores: a violated zone on the
/// simulated ETHM-1 becomes an alarm in GET /api/v1/alarms, and a pulled cable and reconnect add nothing to it.
/// </summary>
public sealed partial class SatelAlarmTests(ITestOutputHelper output)
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AViolatedZone_IsAnAlarmInTheQueue_AndAPulledCableAddsNoDuplicate(StoreProvider provider)
    {
        await using var simulator = new Ethm1Simulator();
        await using var server = await InMemoryServer.StartAsync(provider,
            settings: new Dictionary<string, string?> { ["Satel:UnknownAfterSeconds"] = "2", ["Satel:RequestTimeoutMilliseconds"] = "300" });
        var admin = await server.SignedInAsync("panel-admin", Role.Admin);
        var operatorClient = await server.SignedInAsync("operator", Role.Operator);
        using var created = await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "bank panel", kind = "ALARM_PANEL", address = $"127.0.0.1:{simulator.Port}" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var panels = server.Factory.Services.GetRequiredService<SatelPanels>();
        await WaitUntilAsync(() => Task.FromResult(panels.Find(id)?.Status == SatelConnectionStatus.Connected));

        var clock = Stopwatch.StartNew();
        simulator.Panel.ViolateZone(3);
        var alarm = await WaitForAlarmAsync(operatorClient);
        output.WriteLine($"{provider}: zone violated → alarm in the queue after {clock.ElapsedMilliseconds} ms");

        simulator.Silent = true;
        await WaitUntilAsync(() => Task.FromResult(panels.Find(id)!.Snapshot().Zones.GetValueOrDefault(3) == SatelZoneStatus.Unknown));
        simulator.Silent = false;
        await WaitUntilAsync(() => Task.FromResult(panels.Find(id) is { Status: SatelConnectionStatus.Connected } worker && worker.Snapshot().Zones[3] == SatelZoneStatus.Violated));
        var after = await WaitForAlarmAsync(operatorClient);

        Assert.Equal(("intrusion", "NEW", "CRITICAL"), (alarm.GetProperty("category").GetString(), alarm.GetProperty("state").GetString(), alarm.GetProperty("priority").GetString()));
        Assert.Equal(alarm.GetProperty("id").GetInt64(), after.GetProperty("id").GetInt64());
        Assert.Equal(alarm.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    private static async Task<JsonElement> WaitForAlarmAsync(HttpClient client)
    {
        JsonElement? found = null;
        await WaitUntilAsync(async () =>
        {
            var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/alarms?state=open");
            var items = queue.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 1, $"one alarm expected, found {items.Count}");
            found = items.Count == 1 ? items[0] : null;
            return found is not null;
        });
        return found!.Value;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(50, guard.Token);
        }
    }
}
