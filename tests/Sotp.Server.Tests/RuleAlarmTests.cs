using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Series;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class RuleAlarmTests
{
    private static readonly SeriesKey Rtt = new(1, "icmp.rtt_ms");

    /// <summary>Long enough for a loaded machine; the loop normally answers within milliseconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task PointsAboveTheThresholdForTheDuration_OpenAnAlarm_AndPointsBelowTheClearThreshold_ResolveIt(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/rules", new
        {
            name = "High RTT", metric = Rtt.Metric, scope = "DEVICE", scopeId = 1, condition = "ABOVE", threshold = 100, clearThreshold = 50,
            forSeconds = 60, category = "performance", code = "rtt_high", priority = "HIGH", messageTemplate = "{device}: RTT {value} ms over {threshold} ms",
        });
        created.EnsureSuccessStatusCode();
        var writer = server.Factory.Services.GetRequiredService<SeriesWriter>();
        var now = DateTimeOffset.UtcNow;

        foreach (var seconds in new[] { 90, 60, 30 })
        {
            writer.Write(new SeriesPoint(Rtt, now.AddSeconds(-seconds), 250));
        }

        var alarm = await WaitForAsync(admin, "/api/v1/alarms?state=open", a => a.GetProperty("items").GetArrayLength() > 0);
        writer.Write(new SeriesPoint(Rtt, now.AddSeconds(-20), 70));
        writer.Write(new SeriesPoint(Rtt, now.AddSeconds(-10), 20));
        var resolved = await WaitForAsync(admin, "/api/v1/alarms?state=RESOLVED", a => a.GetProperty("items").GetArrayLength() > 0);
        // The counter behind sotp_rules_fired_total, read from this server: the /metrics text is shared by the servers of
        // tests running at the same time in this process.
        Assert.Equal(1, server.Factory.Services.GetRequiredService<Sotp.Core.Rules.RulePublisher>().Fired);

        var opened = Assert.Single(alarm.GetProperty("items").EnumerateArray());
        Assert.Equal(("HIGH", "performance", 1L), (opened.GetProperty("priority").GetString(), opened.GetProperty("category").GetString(), opened.GetProperty("deviceId").GetInt64()));
        Assert.Contains("RTT 250 ms over 100 ms", opened.GetProperty("title").GetString());
        Assert.Equal(opened.GetProperty("id").GetInt64(), Assert.Single(resolved.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ADeviceSilentForTheAbsenceTime_GetsAnAlarm_ThatItsNextPointResolves()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InMemoryServer.StartAsync(StoreProvider.Sqlite, time);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/rules", new
        {
            name = "Silent", metric = Rtt.Metric, scope = "SITE", scopeId = 1, condition = "ABSENT", absenceSeconds = 60, category = "data", code = "no_rtt",
            priority = "LOW", messageTemplate = "{device}: no {metric} for {threshold}",
        });
        created.EnsureSuccessStatusCode();
        var start = time.GetUtcNow();

        // The clock moves in ticks while we wait; the rule's reload may run at any of them, so a few minutes are allowed.
        var alarm = await WaitForAsync(admin, "/api/v1/alarms?state=open", a => a.GetProperty("items").GetArrayLength() > 0,
            () => time.Advance(time.GetUtcNow() - start < TimeSpan.FromMinutes(5) ? TimeSpan.FromSeconds(5) : TimeSpan.Zero));
        server.Factory.Services.GetRequiredService<SeriesWriter>().Write(new SeriesPoint(Rtt, time.GetUtcNow(), 0.3));
        var resolved = await WaitForAsync(admin, "/api/v1/alarms?state=RESOLVED", a => a.GetProperty("items").GetArrayLength() > 0);

        var opened = Assert.Single(alarm.GetProperty("items").EnumerateArray());
        Assert.Equal(("LOW", "data"), (opened.GetProperty("priority").GetString(), opened.GetProperty("category").GetString()));
        Assert.Contains("no icmp.rtt_ms for 60 s without data", opened.GetProperty("title").GetString());
        Assert.Single(resolved.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ARuleScopedToAGroup_FiresForItsMembers_AndDeletingItRestoresWhatItFired()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var group = await admin.PostAsJsonAsync("/api/v1/device-groups", new { name = "Pinged", deviceIds = new[] { 1 } });
        var groupId = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var created = await admin.PostAsJsonAsync("/api/v1/rules", new
        {
            name = "Loss", metric = "icmp.loss_pct", scope = "GROUP", scopeId = groupId, condition = "ABOVE", threshold = 20, code = "loss_high",
        });
        var rule = await created.Content.ReadFromJsonAsync<JsonElement>();
        var writer = server.Factory.Services.GetRequiredService<SeriesWriter>();

        writer.Write(new SeriesPoint(new SeriesKey(1, "icmp.loss_pct"), DateTimeOffset.UtcNow, 40));
        var alarm = await WaitForAsync(admin, "/api/v1/alarms?state=open", a => a.GetProperty("items").GetArrayLength() > 0);
        using var deleted = await admin.DeleteAsync($"/api/v1/rules/{rule.GetProperty("id").GetInt64()}?version=1");
        var resolved = await WaitForAsync(admin, "/api/v1/alarms?state=RESOLVED", a => a.GetProperty("items").GetArrayLength() > 0);

        Assert.Equal(("MEDIUM", "performance"), (alarm.GetProperty("items")[0].GetProperty("priority").GetString(), alarm.GetProperty("items")[0].GetProperty("category").GetString()));
        Assert.Equal(alarm.GetProperty("items")[0].GetProperty("id").GetInt64(), resolved.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> done, Action? between = null)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(url, deadline.Token);
            if (done(answer))
            {
                return answer;
            }

            between?.Invoke();
            await Task.Delay(50, deadline.Token);
        }
    }
}
