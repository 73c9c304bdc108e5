using Sotp.Core.Events;

namespace Sotp.Core.Notifications;

/// <summary>
/// Where alarm notifications go. The channel holds no secret itself: <see cref="SecretId"/> names a global secret of the
/// secret store (SMTP password, HMAC key, routing key, Slack webhook URL), so values stay encrypted under the master key,
/// are re-encrypted by its rotation, and never appear in this record, the API or the logs.
/// </summary>
/// <param name="MinPriority">Alarms at least this urgent are sent (CRITICAL is the most urgent).</param>
/// <param name="EscalationOnly">Not told when alarms open: it hears of an alarm only from an escalation step naming it (a supervisor).</param>
/// <param name="Url">Where HTTP kinds post (not SLACK, whose URL is its secret; PAGERDUTY defaults to PagerDuty's endpoint).</param>
public sealed record NotificationChannel(
    long Id,
    string Name,
    ChannelKind Kind,
    EventPriority MinPriority,
    bool Enabled,
    string? Url,
    string? SmtpHost,
    int? SmtpPort,
    SmtpSecurity? SmtpSecurity,
    string? SmtpUsername,
    string? MailFrom,
    IReadOnlyList<string> MailTo,
    long? SecretId,
    DateTimeOffset CreatedAt,
    long Version,
    bool EscalationOnly = false)
{
    /// <summary>Whether an opened alarm of this priority is sent here (the enum is ordered most urgent first).</summary>
    public bool Accepts(EventPriority priority) => Enabled && !EscalationOnly && priority <= MinPriority;
}
