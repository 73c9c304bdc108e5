namespace Sotp.Core.Alarms;

/// <summary>A decided change: the alarm as it becomes, and the dispatch-log line that says why.</summary>
public sealed record AlarmChange(Alarm Updated, AlarmLogKind Kind, string LogText);
