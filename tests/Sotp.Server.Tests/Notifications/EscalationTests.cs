using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Notifications;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests.Notifications;

/// <summary>Escalation end to end: policies over the API, steps on fake time, deliveries to a real local HTTP receiver.</summary>
public class EscalationTests
{
    private const string Escalated = "[ESCALATED: NOT CLAIMED]";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnUnclaimedAlarm_ReachesEachStepsReceiverOnTime_ThenTheRepeats_InTheDeliveryAndDispatchLogs(StoreProvider provider)
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var bed = await NotificationTestBed.StartAsync(provider);
        var (duty, supervisor) = await ChannelsAsync(bed, receiver);
        await PolicyAsync(bed, new { name = "default", steps = new[] { new { afterMinutes = 5, channelId = duty }, new { afterMinutes = 10, channelId = supervisor } },
            repeatEveryMinutes = 15, repeatCount = 1 });
        var alarmId = await bed.OpenAlarmAsync();
        var opened = bed.Time.GetUtcNow();

        var heard = new List<string>();
        foreach (var minutes in new[] { 0, 4.9, 5, 9.9, 10, 24.9, 25, 60 })
        {
            bed.Time.SetUtcNow(opened.AddMinutes(minutes));
            await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
            heard.Add($"{minutes}: {string.Join(",", EscalationsHeard(receiver))}");
        }

        Assert.Equal(["0: ", "4.9: ", "5: /duty", "9.9: /duty", "10: /duty,/supervisor", "24.9: /duty,/supervisor", "25: /duty,/supervisor,/supervisor",
            "60: /duty,/supervisor,/supervisor"], heard);
        var deliveries = (await bed.Operator.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}/notifications")).EnumerateArray()
            .Select(line => $"{line.GetProperty("channelName").GetString()} {line.GetProperty("event").GetString()} {line.GetProperty("status").GetString()}").ToList();
        Assert.Equal(["duty TRIGGER SENT", "duty ESCALATE SENT", "supervisor ESCALATE SENT", "supervisor ESCALATE SENT"], deliveries);
        var log = (await bed.Operator.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}/log")).EnumerateArray()
            .Where(line => line.GetProperty("kind").GetString() == "ESCALATION").Select(line => line.GetProperty("text").GetString()).ToList();
        Assert.Equal(3, log.Count);
        Assert.Equal("escalation 'default' step 2 (repeat 1): not claimed within 25 minutes, notifying channel 'supervisor'", log[^1]);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnEscalation_GoesOnAfterARestart_AndStopsWhenTheAlarmIsTakenInHand(StoreProvider provider)
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var bed = await NotificationTestBed.StartAsync(provider);
        var (duty, supervisor) = await ChannelsAsync(bed, receiver);
        await PolicyAsync(bed, new { name = "default", steps = new[] { new { afterMinutes = 5, channelId = duty }, new { afterMinutes = 10, channelId = supervisor } },
            repeatEveryMinutes = 5, repeatCount = 10 });
        var alarmId = await bed.OpenAlarmAsync();
        var opened = bed.Time.GetUtcNow();
        bed.Time.SetUtcNow(opened.AddMinutes(5));
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        await using var restarted = await bed.RestartAsync();
        var dispatcher = restarted.Services.GetRequiredService<NotificationDispatcher>();
        bed.Time.SetUtcNow(opened.AddMinutes(11));
        await dispatcher.RunOnceAsync(CancellationToken.None);
        var afterRestart = EscalationsHeard(receiver);

        var alarms = restarted.Services.GetRequiredService<AlarmService>();
        var anna = new Caller(null, "anna", Role.Operator);
        var alarm = await alarms.ClaimAsync(alarmId, 1, anna, CancellationToken.None);
        await alarms.StartAsync(alarmId, alarm.Version, anna, CancellationToken.None);
        bed.Time.SetUtcNow(opened.AddHours(2));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal(["/duty", "/supervisor"], afterRestart);
        Assert.Equal(["/duty", "/supervisor"], EscalationsHeard(receiver));
    }

    [Fact]
    public async Task Policies_AreManagedUnderVersions_WithHistoryAndAudit_AndBadInputGetsItsProblemCode()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var bed = await NotificationTestBed.StartAsync();
        var (duty, supervisor) = await ChannelsAsync(bed, receiver);
        var steps = new[] { new { afterMinutes = 5, channelId = duty } };

        var created = await PolicyAsync(bed, new { name = "Bank critical", siteId = NotificationTestBed.DemoSite, minPriority = "CRITICAL", steps });
        var id = created.GetProperty("id").GetInt64();
        using var replaced = await bed.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{id}",
            new { name = "Bank critical", steps = new[] { new { afterMinutes = 3, channelId = supervisor } }, enabled = false, version = 1 });
        using var stale = await bed.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{id}", new { name = "x", steps, version = 1 });
        using var unversioned = await bed.Admin.DeleteAsync($"/api/v1/escalation-policies/{id}");
        var list = await bed.Admin.GetFromJsonAsync<JsonElement>("/api/v1/escalation-policies");
        using var deleted = await bed.Admin.DeleteAsync($"/api/v1/escalation-policies/{id}?version=2");
        using var gone = await bed.Admin.GetAsync($"/api/v1/escalation-policies/{id}");
        var history = await bed.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/escalation-policies/{id}/history");

        Assert.Equal(("CRITICAL", NotificationTestBed.DemoSite, 0, true), (created.GetProperty("minPriority").GetString(), created.GetProperty("siteId").GetInt64(),
            created.GetProperty("repeatCount").GetInt32(), created.GetProperty("enabled").GetBoolean()));
        var after = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2L, false, JsonValueKind.Null, "LOW", 3), (after.GetProperty("version").GetInt64(), after.GetProperty("enabled").GetBoolean(),
            after.GetProperty("siteId").ValueKind, after.GetProperty("minPriority").GetString(), after.GetProperty("steps")[0].GetProperty("afterMinutes").GetInt32()));
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
        await ProblemAssert.IsProblemAsync(unversioned, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Single(list.EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["created", "updated", "deleted"], history.EnumerateArray().Select(h => h.GetProperty("change").GetString()));
        var master = await bed.Server.SignedInAsync("owner", Role.Master);
        foreach (var action in new[] { "created", "updated", "deleted" })
        {
            Assert.Single((await master.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=escalation_policy.{action}")).GetProperty("items").EnumerateArray());
        }

        async Task<string[]> FieldsAsync(object body)
        {
            using var response = await bed.Admin.PostAsJsonAsync("/api/v1/escalation-policies", body);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
            return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(["name", "steps"], await FieldsAsync(new { name = " " }));
        Assert.Equal(["minPriority", "repeatEveryMinutes", "siteId"], await FieldsAsync(new { name = "p", steps, minPriority = "URGENT", siteId = 0, repeatCount = 2 }));
        Assert.Equal(["steps[1].afterMinutes", "steps[2].channelId"], await FieldsAsync(new
        {
            name = "p",
            steps = new object[] { new { afterMinutes = 5, channelId = duty }, new { afterMinutes = 5, channelId = duty }, new { afterMinutes = 9 } },
        }));
        Assert.Equal(["repeatCount"], await FieldsAsync(new { name = "p", steps, repeatCount = 101, repeatEveryMinutes = 5 }));

        await PolicyAsync(bed, new { name = "taken", steps });
        using var taken = await bed.Admin.PostAsJsonAsync("/api/v1/escalation-policies", new { name = "TAKEN", steps });
        using var noChannel = await bed.Admin.PostAsJsonAsync("/api/v1/escalation-policies", new { name = "p", steps = new[] { new { afterMinutes = 5, channelId = 9999 } } });
        using var noSite = await bed.Admin.PostAsJsonAsync("/api/v1/escalation-policies", new { name = "p", steps, siteId = 9999 });
        using var malformed = await bed.Admin.PostAsync("/api/v1/escalation-policies", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        using var byOperator = await bed.Operator.PostAsJsonAsync("/api/v1/escalation-policies", new { name = "mine", steps });
        await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict, "conflict");
        Assert.True((await ProblemAssert.IsProblemAsync(noChannel, HttpStatusCode.UnprocessableEntity, "unknown_reference"))
            .GetProperty("errors").TryGetProperty("steps[0].channelId", out _));
        await ProblemAssert.IsProblemAsync(noSite, HttpStatusCode.UnprocessableEntity, "unknown_reference");
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest, "malformed_json");
        await ProblemAssert.IsProblemAsync(byOperator, HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>Two SERVICENOW channels on the receiver (no secret needed): /duty, and /supervisor which hears only escalations.</summary>
    private static async Task<(long Duty, long Supervisor)> ChannelsAsync(NotificationTestBed bed, HttpReceiver receiver) =>
        ((await bed.CreateChannelAsync(new { name = "duty", kind = "SERVICENOW", url = receiver.Url("/duty") })).GetProperty("id").GetInt64(),
            (await bed.CreateChannelAsync(new { name = "supervisor", kind = "SERVICENOW", url = receiver.Url("/supervisor"), escalationOnly = true })).GetProperty("id").GetInt64());

    private static async Task<JsonElement> PolicyAsync(NotificationTestBed bed, object body)
    {
        using var response = await bed.Admin.PostAsJsonAsync("/api/v1/escalation-policies", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The paths that received an escalation (not the trigger every channel gets when the alarm opens), in order.</summary>
    private static List<string> EscalationsHeard(HttpReceiver receiver) =>
        receiver.Requests.Where(r => Encoding.UTF8.GetString(r.Body).Contains(Escalated, StringComparison.Ordinal)).Select(r => r.Path).ToList();
}
