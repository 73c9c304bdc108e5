using System.Text;
using Sotp.Core.Events;
using Sotp.Core.Notifications;

namespace Sotp.Core.Tests.Notifications;

public class NotificationRulesTests
{
    [Fact]
    public void RetryDelays_DoubleFromTheFirst_UpToTheCap()
    {
        var options = new NotificationOptions { FirstRetryDelaySeconds = 30, MaxRetryDelaySeconds = 200 };

        var delays = Enumerable.Range(1, 5).Select(failed => options.RetryDelay(failed).TotalSeconds);

        Assert.Equal([30, 60, 120, 200, 200], delays);
    }

    [Fact]
    public void Options_OutsideTheirRanges_AreAllReported()
    {
        var options = new NotificationOptions { MaxAttempts = 0, FirstRetryDelaySeconds = 100, MaxRetryDelaySeconds = 50, AttemptTimeoutSeconds = 0, PollSeconds = 0 };

        Assert.Equal(["MaxAttempts", "MaxRetryDelaySeconds", "AttemptTimeoutSeconds", "PollSeconds"], options.Problems().Select(p => p.Split(' ')[0]["Notifications:".Length..]));
        Assert.Empty(new NotificationOptions().Problems());
    }

    [Fact]
    public void TheSignature_IsTheHexHmacSha256OfTheBody()
    {
        // RFC 4231-style check against an independent implementation (Python's hmac).
        var signature = NotificationPayloads.Signature(Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"), "key");

        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    [Theory]
    [InlineData(EventPriority.Critical, EventPriority.High, true)]
    [InlineData(EventPriority.High, EventPriority.High, true)]
    [InlineData(EventPriority.Medium, EventPriority.High, false)]
    [InlineData(EventPriority.Info, EventPriority.Info, true)]
    public void AChannel_TakesAlarmsAtLeastAsUrgentAsItsMinimum(EventPriority alarm, EventPriority minimum, bool taken)
    {
        var channel = new NotificationChannel(1, "c", ChannelKind.Webhook, minimum, true, null, null, null, null, null, null, [], null, default, 1);

        Assert.Equal(taken, channel.Accepts(alarm));
        Assert.False((channel with { Enabled = false }).Accepts(alarm));
    }

    [Fact]
    public void AnEmailChannel_DefaultsToStartTlsOnPort587_AndDropsFieldsOfOtherKinds()
    {
        var (errors, channel) = new NotificationChannelInput("desk", "email", SmtpHost: "mail.example.org", MailFrom: "sotp@example.org", MailTo: ["desk@example.org"]).Validate();

        Assert.Empty(errors);
        Assert.Equal((SmtpSecurity.StartTls, 587, EventPriority.Low, true, (string?)null), (channel.SmtpSecurity!.Value, channel.SmtpPort!.Value, channel.MinPriority, channel.Enabled, channel.Url));
    }

    [Theory]
    [InlineData(EventPriority.Critical, "critical", "1", "1")]
    [InlineData(EventPriority.High, "error", "1", "2")]
    [InlineData(EventPriority.Medium, "warning", "2", "2")]
    [InlineData(EventPriority.Low, "info", "3", "3")]
    public void Priorities_MapToPagerDutySeverity_AndServiceNowUrgencyAndImpact(EventPriority priority, string severity, string urgency, string impact)
    {
        Assert.Equal(severity, NotificationPayloads.PagerDutySeverity(priority));
        Assert.Equal((urgency, impact), NotificationPayloads.UrgencyImpact(priority));
    }
}
