using Microsoft.Extensions.DependencyInjection;
using Sotp.Core.Notifications;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests.Notifications;

[Collection(ProcessMetricsCollection.Name)]
public class NotificationRetryTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AReceiverFailingTwice_GetsTheMessageOnTheThirdAttempt_AfterExponentialBackOff(StoreProvider provider)
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.Answers.Enqueue(500);
        receiver.Answers.Enqueue(503);
        await using var bed = await NotificationTestBed.StartAsync(provider);
        await bed.CreateChannelAsync(new { name = "flaky", kind = "WEBHOOK", url = receiver.Url("/hook"), secretId = await bed.CreateSecretAsync("k") });
        var alarmId = await bed.OpenAlarmAsync();

        // A cycle waits for one the background service may be running, so after it every attempt due now is made (by either).
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        var logged = new List<int> { (await bed.LogAsync(alarmId)).Count };
        foreach (var seconds in new[] { 9, 1, 19, 1 })
        {
            bed.Time.Advance(TimeSpan.FromSeconds(seconds));
            await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
            logged.Add((await bed.LogAsync(alarmId)).Count);
        }

        // First attempt at once, the second 10 s later, the third 20 s after that: nothing earlier.
        Assert.Equal([1, 1, 2, 2, 3], logged);
        Assert.Equal([("flaky", 1, "RETRYING", "HTTP 500"), ("flaky", 2, "RETRYING", "HTTP 503"), ("flaky", 3, "SENT", "HTTP 200")], await bed.LogAsync(alarmId));
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task AReceiverThatAlwaysFails_IsFailedAfterTheRetryBudget_AndCounted()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AlwaysAnswer = 500;
        await using var bed = await NotificationTestBed.StartAsync();
        await bed.CreateChannelAsync(new { name = "down", kind = "SERVICENOW", url = receiver.Url("/sn") });
        var alarmId = await bed.OpenAlarmAsync();

        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            bed.Time.Advance(TimeSpan.FromHours(1));
            await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal([("down", 1, "RETRYING", "HTTP 500"), ("down", 2, "RETRYING", "HTTP 500"), ("down", 3, "FAILED", "HTTP 500")], await bed.LogAsync(alarmId));
        Assert.Equal(3, receiver.Requests.Count);
        var metrics = await bed.Server.Client.GetStringAsync("/metrics");
        Assert.Matches("sotp_notifications_failed_total\\{[^}]*kind=\"SERVICENOW\"[^}]*\\} 3", metrics);
    }

    [Fact]
    public async Task ARetryOwed_SurvivesARestartOfTheServer()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.Answers.Enqueue(500);
        await using var bed = await NotificationTestBed.StartAsync();
        await bed.CreateChannelAsync(new { name = "hook", kind = "WEBHOOK", url = receiver.Url("/hook"), secretId = await bed.CreateSecretAsync("k") });
        var alarmId = await bed.OpenAlarmAsync();
        await bed.Dispatcher.RunOnceAsync(CancellationToken.None);
        await using var restarted = await bed.RestartAsync();
        bed.Time.Advance(TimeSpan.FromSeconds(10));
        await restarted.Services.GetRequiredService<NotificationDispatcher>().RunOnceAsync(CancellationToken.None);

        var attempts = await restarted.Services.GetRequiredService<INotificationStore>().AttemptsAsync(alarmId, CancellationToken.None);
        Assert.Equal([(1, DeliveryStatus.Retrying), (2, DeliveryStatus.Sent)], attempts.Select(a => (a.Attempt, a.Status)));
    }
}
