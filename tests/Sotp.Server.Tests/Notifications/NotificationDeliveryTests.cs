using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests.Notifications;

public class NotificationDeliveryTests
{
    private const string HmacKey = "webhook signing key 0xC0FFEE";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Webhook_IsSignedWithAnHmacOfTheBody_OnOpenAndOnResolve(StoreProvider provider)
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var bed = await NotificationTestBed.StartAsync(provider);
        var secretId = await bed.CreateSecretAsync(HmacKey);
        await bed.CreateChannelAsync(new { name = "ops hook", kind = "WEBHOOK", url = receiver.Url("/hook"), secretId });

        var alarmId = await bed.OpenAlarmAsync();
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        await bed.ResolveAsync(alarmId);
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);

        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacKey), request.Body));
            Assert.Equal(expected, request.Headers["X-Sotp-Signature"]);
        }

        var bodies = requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["TRIGGER", "RESOLVE"], bodies.Select(b => b.GetProperty("event").GetString()));
        Assert.Equal([alarmId, alarmId], bodies.Select(b => b.GetProperty("alarm").GetProperty("id").GetInt64()));
        Assert.Equal("RESOLVED", bodies[1].GetProperty("alarm").GetProperty("state").GetString());
        Assert.Equal([("ops hook", 1, "SENT", "HTTP 200"), ("ops hook", 1, "SENT", "HTTP 200")], await bed.LogAsync(alarmId));
    }

    [Fact]
    public async Task SlackPagerDutyAndServiceNow_GetTheirOwnJsonShapes_AndOnlyMatchingChannelsAreSent()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var logs = new CapturedLogs();
        await using var bed = await NotificationTestBed.StartAsync(services: services => services.AddSingleton<ILoggerProvider>(logs));
        await bed.CreateChannelAsync(new { name = "slack", kind = "SLACK", secretId = await bed.CreateSecretAsync(receiver.Url("/slack/T000/B000/XXXX")) });
        await bed.CreateChannelAsync(new { name = "pagerduty", kind = "PAGERDUTY", url = receiver.Url("/pd"), secretId = await bed.CreateSecretAsync("R0UT1NGKEY") });
        await bed.CreateChannelAsync(new { name = "servicenow", kind = "SERVICENOW", url = receiver.Url("/sn") });
        await bed.CreateChannelAsync(new { name = "only critical", kind = "SERVICENOW", url = receiver.Url("/critical"), minPriority = "CRITICAL" });
        await bed.CreateChannelAsync(new { name = "switched off", kind = "SERVICENOW", url = receiver.Url("/off"), enabled = false });

        var alarmId = await bed.OpenAlarmAsync(priority: "HIGH");
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        await bed.ResolveAsync(alarmId);
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);

        var byPath = receiver.Requests.GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList());
        Assert.Equal(["/pd", "/slack/T000/B000/XXXX", "/sn"], byPath.Keys.Order(StringComparer.Ordinal));
        var slack = Assert.Single(byPath["/slack/T000/B000/XXXX"]);
        Assert.Contains("[HIGH] intrusion", slack.GetProperty("text").GetString());

        var (trigger, resolve) = (byPath["/pd"][0], byPath["/pd"][1]);
        Assert.Equal(("R0UT1NGKEY", "trigger", alarmId.ToString()), (trigger.GetProperty("routing_key").GetString(), trigger.GetProperty("event_action").GetString(), trigger.GetProperty("dedup_key").GetString()));
        Assert.Equal(("error", "sotp site 1"), (trigger.GetProperty("payload").GetProperty("severity").GetString(), trigger.GetProperty("payload").GetProperty("source").GetString()));
        Assert.Contains("intrusion", trigger.GetProperty("payload").GetProperty("summary").GetString());
        Assert.Equal(("resolve", alarmId.ToString()), (resolve.GetProperty("event_action").GetString(), resolve.GetProperty("dedup_key").GetString()));

        var (opened, closed) = (byPath["/sn"][0], byPath["/sn"][1]);
        Assert.Equal(("1", "2", alarmId.ToString()), (opened.GetProperty("urgency").GetString(), opened.GetProperty("impact").GetString(), opened.GetProperty("correlation_id").GetString()));
        Assert.Contains("intrusion", opened.GetProperty("short_description").GetString());
        Assert.Equal(("6", alarmId.ToString()), (closed.GetProperty("state").GetString(), closed.GetProperty("correlation_id").GetString()));
        // The Slack URL and the routing key are credentials: no log line carries them.
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("B000/XXXX", StringComparison.Ordinal) || line.Contains("R0UT1NGKEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Email_IsDeliveredOverRealSmtp_WithTheStoredPassword()
    {
        await using var smtp = new SmtpReceiver();
        await using var bed = await NotificationTestBed.StartAsync();
        await bed.CreateChannelAsync(new
        {
            name = "night desk", kind = "EMAIL", smtpHost = "127.0.0.1", smtpPort = smtp.Port, smtpSecurity = "NONE",
            smtpUsername = "sotp", secretId = await bed.CreateSecretAsync("smtp password 42"), mailFrom = "sotp@example.org", mailTo = new[] { "desk@example.org", "boss@example.org" },
        });

        var alarmId = await bed.OpenAlarmAsync();
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(("sotp@example.org", "sotp:smtp password 42"), (mail.From, mail.Login));
        Assert.Equal(["desk@example.org", "boss@example.org"], mail.To);
        Assert.Contains("Subject: [CRITICAL] intrusion", mail.Data);
        var line = Assert.Single(await bed.LogAsync(alarmId));
        Assert.Equal(("night desk", 1, "SENT"), (line.Channel, line.Attempt, line.Status));
        Assert.StartsWith("250 ", line.Response);
    }

    [Fact]
    public async Task Email_RefusedRecipient_IsLoggedWithTheSmtpReply()
    {
        await using var smtp = new SmtpReceiver { RefuseRecipient = "550 5.1.1 No such user" };
        await using var bed = await NotificationTestBed.StartAsync();
        await bed.CreateChannelAsync(new { name = "desk", kind = "EMAIL", smtpHost = "127.0.0.1", smtpPort = smtp.Port, smtpSecurity = "NONE", mailFrom = "sotp@example.org", mailTo = new[] { "nobody@example.org" } });

        var alarmId = await bed.OpenAlarmAsync();
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);

        var line = Assert.Single(await bed.LogAsync(alarmId));
        Assert.Equal(("RETRYING", "550 5.1.1 No such user"), (line.Status, line.Response));
    }
}
