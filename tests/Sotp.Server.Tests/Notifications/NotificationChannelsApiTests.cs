using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests.Notifications;

public class NotificationChannelsApiTests
{
    private const string Secret = "s3cret-routing-key-never-shown";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Channels_AreCreatedReadReplacedAndDeleted_Audited_WithoutEverShowingTheSecret(StoreProvider provider)
    {
        var logs = new CapturedLogs();
        await using var bed = await NotificationTestBed.StartAsync(provider, services => services.AddSingleton<ILoggerProvider>(logs));
        var secretId = await bed.CreateSecretAsync(Secret);
        var bodies = new List<string>();

        var created = await bed.CreateChannelAsync(new { name = "PagerDuty night", kind = "PAGERDUTY", secretId, minPriority = "HIGH" });
        var id = created.GetProperty("id").GetInt64();
        bodies.Add(created.GetRawText());
        bodies.Add(await bed.Admin.GetStringAsync("/api/v1/notification-channels"));
        bodies.Add(await bed.Admin.GetStringAsync($"/api/v1/notification-channels/{id}"));
        using var replaced = await bed.Admin.PutAsJsonAsync($"/api/v1/notification-channels/{id}",
            new { name = "PagerDuty day", kind = "PAGERDUTY", secretId, url = "http://127.0.0.1:9/enqueue", enabled = false, version = 1 });
        bodies.Add(await replaced.Content.ReadAsStringAsync());
        using var stale = await bed.Admin.PutAsJsonAsync($"/api/v1/notification-channels/{id}", new { name = "x", kind = "PAGERDUTY", secretId, version = 1 });
        using var deleted = await bed.Admin.DeleteAsync($"/api/v1/notification-channels/{id}?version=2");
        using var gone = await bed.Admin.GetAsync($"/api/v1/notification-channels/{id}");

        Assert.Equal(("PAGERDUTY", "HIGH", true, "https://events.pagerduty.com/v2/enqueue", secretId),
            (created.GetProperty("kind").GetString(), created.GetProperty("minPriority").GetString(), created.GetProperty("enabled").GetBoolean(),
                created.GetProperty("url").GetString(), created.GetProperty("secretId").GetInt64()));
        var after = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("PagerDuty day", false, 2L), (after.GetProperty("name").GetString(), after.GetProperty("enabled").GetBoolean(), after.GetProperty("version").GetInt64()));
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not_found");

        var master = await bed.Server.SignedInAsync("owner", Role.Master);
        var audit = await master.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=notification_channel.created");
        Assert.Single(audit.GetProperty("items").EnumerateArray());
        foreach (var action in new[] { "updated", "deleted" })
        {
            Assert.Single((await master.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=notification_channel.{action}")).GetProperty("items").EnumerateArray());
        }

        Assert.All(bodies, body => Assert.DoesNotContain(Secret, body));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadChannels_GetEveryFieldError_AndTakenNamesAConflict()
    {
        await using var bed = await NotificationTestBed.StartAsync();
        var siteSecret = await bed.CreateSecretAsync("site only", siteId: NotificationTestBed.DemoSite);
        var globalSecret = await bed.CreateSecretAsync("key");

        async Task<string[]> FieldsAsync(object body)
        {
            using var response = await bed.Admin.PostAsJsonAsync("/api/v1/notification-channels", body);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
            return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(["kind", "name"], await FieldsAsync(new { name = "", kind = "FAX" }));
        Assert.Equal(["minPriority", "secretId", "url"], await FieldsAsync(new { name = "hook", kind = "WEBHOOK", url = "ftp://example.org", minPriority = "URGENT" }));
        Assert.Equal(["url"], await FieldsAsync(new { name = "slack", kind = "SLACK", url = "https://hooks.slack.com/services/T/B/X", secretId = globalSecret }));
        Assert.Equal(["secretId"], await FieldsAsync(new { name = "pd", kind = "PAGERDUTY", secretId = siteSecret }));
        Assert.Equal(["secretId"], await FieldsAsync(new { name = "pd", kind = "PAGERDUTY", secretId = 9999 }));
        Assert.Equal(["mailFrom", "mailTo", "smtpHost", "smtpPort", "smtpUsername"],
            await FieldsAsync(new { name = "mail", kind = "EMAIL", smtpHost = "bad host!", smtpPort = 0, mailFrom = "nobody", mailTo = new[] { "x" }, secretId = globalSecret }));
        Assert.Equal(["smtpHost"], await FieldsAsync(new { name = "sn", kind = "SERVICENOW", url = "https://example.service-now.com/api/now/table/incident", mailTo = new[] { "a@b.c" } }));

        await bed.CreateChannelAsync(new { name = "Desk", kind = "SERVICENOW", url = "https://example.org/incident" });
        using var taken = await bed.Admin.PostAsJsonAsync("/api/v1/notification-channels", new { name = "desk", kind = "SERVICENOW", url = "https://example.org/incident" });
        await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task OnlyMasterAndAdmin_ManageChannels_WhileAlarmReadersSeeTheDeliveryLog()
    {
        await using var bed = await NotificationTestBed.StartAsync();
        var technician = await bed.Server.SignedInAsync("tech", Role.Technician);
        var alarmId = await bed.OpenAlarmAsync();

        using var operatorList = await bed.Operator.GetAsync("/api/v1/notification-channels");
        using var operatorCreate = await bed.Operator.PostAsJsonAsync("/api/v1/notification-channels", new { name = "x", kind = "SERVICENOW", url = "https://example.org" });
        using var technicianTest = await technician.PostAsync("/api/v1/notification-channels/1/test", null);
        using var adminList = await bed.Admin.GetAsync("/api/v1/notification-channels");
        using var operatorLog = await bed.Operator.GetAsync($"/api/v1/alarms/{alarmId}/notifications");
        using var missingAlarm = await bed.Operator.GetAsync("/api/v1/alarms/999999/notifications");

        await ProblemAssert.IsProblemAsync(operatorList, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(operatorCreate, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(technicianTest, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, adminList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorLog.StatusCode);
        await ProblemAssert.IsProblemAsync(missingAlarm, HttpStatusCode.NotFound, "not_found");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TheTestButton_SendsOnce_AnswersWhatTheReceiverSaid_AndIsAudited(StoreProvider provider)
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var bed = await NotificationTestBed.StartAsync(provider);
        var channel = await bed.CreateChannelAsync(new { name = "hook", kind = "WEBHOOK", url = receiver.Url("/hook"), secretId = await bed.CreateSecretAsync("k") });
        var id = channel.GetProperty("id").GetInt64();

        using var sent = await bed.Admin.PostAsync($"/api/v1/notification-channels/{id}/test", null);
        receiver.AlwaysAnswer = 502;
        using var failed = await bed.Admin.PostAsync($"/api/v1/notification-channels/{id}/test", null);
        using var missing = await bed.Admin.PostAsync("/api/v1/notification-channels/999/test", null);

        var ok = await sent.Content.ReadFromJsonAsync<JsonElement>();
        var bad = await failed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((true, "HTTP 200"), (ok.GetProperty("sent").GetBoolean(), ok.GetProperty("response").GetString()));
        Assert.Equal((false, "HTTP 502"), (bad.GetProperty("sent").GetBoolean(), bad.GetProperty("response").GetString()));
        Assert.Contains("502", bad.GetProperty("error").GetString());
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "not_found");
        Assert.Equal("TEST", JsonDocument.Parse(receiver.Requests.First().Body).RootElement.GetProperty("event").GetString());
        var master = await bed.Server.SignedInAsync("owner", Role.Master);
        var audit = await master.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=notification_channel.tested");
        Assert.Equal(2, audit.GetProperty("items").GetArrayLength());
    }
}
