using Sotp.Core.Alarms;

namespace Sotp.Core.Notifications;

/// <summary>What a channel is told: an alarm, and whether it opened, escalated, resolved, or this is a test.</summary>
public sealed record NotificationMessage(Alarm Alarm, NotificationEvent Event)
{
    /// <summary>One line for subjects and summaries: "[CRITICAL] intrusion: zone 3 violated (site 1, alarm 7)".</summary>
    public string Summary =>
        $"{(Event == NotificationEvent.Test ? "[TEST] " : "")}{(Event == NotificationEvent.Resolve ? "[RESOLVED] " : "")}{(Event == NotificationEvent.Escalate ? "[ESCALATED: NOT CLAIMED] " : "")}[{Alarm.Priority.ToText()}] {Alarm.Category}: {Alarm.Title} (site {Alarm.SiteId}, alarm {Alarm.Id})";
}
