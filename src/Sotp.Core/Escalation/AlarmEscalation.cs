namespace Sotp.Core.Escalation;

/// <summary>Where one alarm's escalation stands, as the store keeps it (so a restart continues where it stopped).</summary>
/// <param name="PolicyId">The policy chosen when the alarm opened; null when none applied.</param>
/// <param name="Fired">Firings done (steps and repeats, skipped ones included): the next is number <c>Fired</c>, 0-based.</param>
/// <param name="NextAt">When the next firing is due; null when finished or stopped.</param>
public sealed record AlarmEscalation(long AlarmId, long? PolicyId, int Fired, DateTimeOffset? NextAt);

/// <summary>What one turn of an alarm's escalation writes, in one transaction with its delivery, log line and live message.</summary>
/// <param name="Fired">The new count of firings.</param>
/// <param name="NextAt">The next firing, or null: escalation over.</param>
/// <param name="Delivery">The notification owed, when a step fires.</param>
/// <param name="Round">The delivery's round: firing index + 1, so the repeats to one channel are separate deliveries.</param>
/// <param name="LogText">A line for the alarm's dispatch log, if any.</param>
public sealed record EscalationWrite(int Fired, DateTimeOffset? NextAt, Notifications.PlannedDelivery? Delivery = null, int Round = 0, string? LogText = null,
    EscalationNotice? Notice = null);

/// <summary>The live message <c>alarm.escalated</c>: which step of which policy notified which channel.</summary>
public sealed record EscalationNotice(long AlarmId, long PolicyId, string PolicyName, int Step, int Repeat, long ChannelId, string ChannelName, DateTimeOffset At);
