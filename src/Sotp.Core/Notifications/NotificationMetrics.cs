using System.Diagnostics.Metrics;

namespace Sotp.Core.Notifications;

/// <summary>Notification attempts in /metrics (<c>sotp_notifications_sent_total</c>, <c>sotp_notifications_failed_total</c>), by channel kind.</summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "Sotp.Notifications";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("sotp.notifications.sent", description: "Notifications a channel accepted (alarm deliveries and tests), by kind.");
        _failed = meter.CreateCounter<long>("sotp.notifications.failed", description: "Failed attempts to notify a channel (each retry counts), by kind.");
    }

    public void Attempted(ChannelKind kind, bool sent) =>
        (sent ? _sent : _failed).Add(1, new KeyValuePair<string, object?>("kind", kind.ToText()));
}
