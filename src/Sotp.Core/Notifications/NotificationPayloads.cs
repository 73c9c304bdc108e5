using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sotp.Core.Alarms;
using Sotp.Core.Events;

namespace Sotp.Core.Notifications;

/// <summary>The bodies each HTTP kind posts, as pure functions of the message (and the routing key for PagerDuty).</summary>
public static class NotificationPayloads
{
    public const string SignatureHeader = "X-Sotp-Signature";

    /// <summary>Slack incoming webhook: a text message.</summary>
    public static string Slack(NotificationMessage message) => new JsonObject { ["text"] = message.Summary }.ToJsonString();

    /// <summary>The generic webhook: the event, a summary and the alarm as the API shows it.</summary>
    public static string Webhook(NotificationMessage message) => new JsonObject
    {
        ["event"] = message.Event.ToText(),
        ["summary"] = message.Summary,
        ["alarm"] = JsonSerializer.SerializeToNode(message.Alarm, SotpJson.Options),
    }.ToJsonString(SotpJson.Options);

    /// <summary>PagerDuty Events API v2; dedup_key is the alarm id, so the resolve closes the incident the trigger opened.</summary>
    public static string PagerDuty(NotificationMessage message, string routingKey)
    {
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = message.Event == NotificationEvent.Resolve ? "resolve" : "trigger",
            ["dedup_key"] = message.Event == NotificationEvent.Test ? "sotp-test" : AlarmKey(message.Alarm),
        };
        if (message.Event != NotificationEvent.Resolve)
        {
            body["payload"] = new JsonObject
            {
                ["summary"] = Truncate(message.Summary, 1024),
                ["severity"] = PagerDutySeverity(message.Alarm.Priority),
                ["source"] = $"sotp site {message.Alarm.SiteId.ToString(CultureInfo.InvariantCulture)}",
                ["component"] = message.Alarm.DeviceId is { } device ? $"device {device.ToString(CultureInfo.InvariantCulture)}" : null,
                ["group"] = message.Alarm.Category,
                ["timestamp"] = message.Alarm.OpenedAt.ToString("O", CultureInfo.InvariantCulture),
            };
        }

        return body.ToJsonString(SotpJson.Options);
    }

    /// <summary>A ServiceNow incident; a resolve sends the same correlation_id with state 6 (Resolved).</summary>
    public static string ServiceNow(NotificationMessage message)
    {
        var (urgency, impact) = UrgencyImpact(message.Alarm.Priority);
        var body = new JsonObject
        {
            ["short_description"] = Truncate(message.Summary, 160),
            ["description"] = $"{message.Alarm.Title}\nCategory: {message.Alarm.Category}\nSite: {message.Alarm.SiteId}\nOpened: {message.Alarm.OpenedAt:O}",
            ["urgency"] = urgency,
            ["impact"] = impact,
            ["correlation_id"] = message.Event == NotificationEvent.Test ? "sotp-test" : AlarmKey(message.Alarm),
            ["correlation_display"] = "SOTP",
        };
        if (message.Event == NotificationEvent.Resolve)
        {
            body["state"] = "6";
            body["close_code"] = "Solved (Permanently)";
            body["close_notes"] = "The alarm was resolved in SOTP.";
        }

        return body.ToJsonString(SotpJson.Options);
    }

    /// <summary>The value of <see cref="SignatureHeader"/>: <c>sha256=</c> and the hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Signature(byte[] body, string key) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));

    public static string PagerDutySeverity(EventPriority priority) => priority switch
    {
        EventPriority.Critical => "critical",
        EventPriority.High => "error",
        EventPriority.Medium => "warning",
        _ => "info",
    };

    /// <summary>ServiceNow's 1 (high) .. 3 (low) for urgency and impact.</summary>
    public static (string Urgency, string Impact) UrgencyImpact(EventPriority priority) => priority switch
    {
        EventPriority.Critical => ("1", "1"),
        EventPriority.High => ("1", "2"),
        EventPriority.Medium => ("2", "2"),
        _ => ("3", "3"),
    };

    private static string AlarmKey(Alarm alarm) => alarm.Id.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
