namespace Sotp.Core.Notifications;

/// <summary>One line of an alarm's delivery log: one attempt to reach one channel.</summary>
/// <param name="Status">SENT, RETRYING (failed, another attempt follows) or FAILED (the last one failed).</param>
public sealed record NotificationAttempt(
    long Id,
    long AlarmId,
    long ChannelId,
    string ChannelName,
    ChannelKind Kind,
    NotificationEvent Event,
    int Attempt,
    DateTimeOffset At,
    DeliveryStatus Status,
    string? Response,
    string? Error);
