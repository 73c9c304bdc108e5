namespace Sotp.Core.Alarms;

/// <summary>One line of an alarm's dispatch log: an event that joined, a transition, or an operator's note.</summary>
/// <param name="ActorName">The operator, or "system" for the reaper, auto-close and collectors.</param>
public sealed record AlarmLogEntry(long Id, long AlarmId, DateTimeOffset At, AlarmLogKind Kind, long? ActorId, string ActorName, string Text);

public enum AlarmLogKind
{
    Event,
    Transition,
    Note,

    /// <summary>An escalation step notified a channel (or was skipped) because nobody claimed the alarm.</summary>
    Escalation,
}
