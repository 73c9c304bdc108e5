using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>GET /api/v1/alarms/response-times: MTTA and MTTR from the real lifecycle on fake time, on both stores.</summary>
public sealed class ResponseTimesApiTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnAlarmAcknowledgedAfter2MinutesAndResolvedAfter4_GivesMtta120AndMttr240(StoreProvider provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var from = time.GetUtcNow().AddMinutes(-1);
        await using var server = await InMemoryServer.StartAsync(provider, time);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var anna = await server.SignedInAsync("anna", Role.Operator);
        var handled = await OpenAsync(admin, "intrusion");
        await OpenAsync(admin, "fire");

        var version = await StepAsync(anna, handled, "claim", 1, new { });
        version = await StepAsync(anna, handled, "start", version, new { });
        time.Advance(TimeSpan.FromMinutes(2));
        version = await StepAsync(anna, handled, "ack", version, new { note = "guard sent" });
        time.Advance(TimeSpan.FromMinutes(2));
        await StepAsync(anna, handled, "resolve", version, new { });
        var to = time.GetUtcNow().AddMinutes(1);
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

        var bySite = await anna.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/response-times?{range}");
        var byOperator = await anna.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/response-times?groupBy=OPERATOR&{range}");
        using var wrong = await anna.GetAsync("/api/v1/alarms/response-times?groupBy=weather");

        var site = Assert.Single(bySite.EnumerateArray());
        Assert.Equal(("1", 2, 1, 120.0, 1, 240.0), Line(site));
        var operators = byOperator.EnumerateArray().ToList();
        Assert.Equal(("anna", 1, 1, 120.0, 1, 240.0), Line(operators.Single(o => o.GetProperty("key").ValueKind == JsonValueKind.String)));
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.BadRequest, "validation_failed");
    }

    private static (string?, int, int, double?, int, double?) Line(JsonElement line) =>
        (line.GetProperty("key").GetString(), line.GetProperty("alarms").GetInt32(), line.GetProperty("acknowledged").GetInt32(),
            line.GetProperty("mttaSeconds").GetDouble(), line.GetProperty("resolved").GetInt32(), line.GetProperty("mttrSeconds").GetDouble());

    private static async Task<long> OpenAsync(HttpClient client, string category)
    {
        var filed = await AlarmsApiTests.PostEventAsync(client, new { siteId = 1, category, code = "test", priority = "HIGH", message = category, dedupKey = $"rt:{category}" });
        return filed.GetProperty("alarmId").GetInt64();
    }

    private static async Task<long> StepAsync(HttpClient client, long id, string step, long version, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alarms/{id}/{step}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new($"\"{version}\""));
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }
}
