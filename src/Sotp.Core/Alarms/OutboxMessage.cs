namespace Sotp.Core.Alarms;

/// <summary>
/// A change to push to live clients, written in the same transaction as the change. <see cref="Seq"/> is global,
/// gapless and in commit order, so a client that saw seq N asks for everything after N and misses nothing.
/// </summary>
/// <param name="Type">"alarm.opened", "alarm.changed", "alarm.escalated" or "signal".</param>
/// <param name="Payload">The alarm or event as JSON.</param>
public sealed record OutboxMessage(long Seq, DateTimeOffset At, string Type, long SiteId, string Payload);

public static class OutboxTypes
{
    public const string AlarmOpened = "alarm.opened";
    public const string AlarmChanged = "alarm.changed";
    public const string Signal = "signal";

    /// <summary>An escalation step fired; the payload is an <see cref="Escalation.EscalationNotice"/>.</summary>
    public const string AlarmEscalated = "alarm.escalated";
}
