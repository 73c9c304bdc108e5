namespace Sotp.Core.Notifications;

/// <summary>Talks to the outside service of a channel kind. Never throws for a peer's failure: it returns it.</summary>
public interface INotificationSender
{
    bool Handles(ChannelKind kind);

    /// <param name="secret">The channel's secret value, when it has one; never to be logged or put into a result.</param>
    Task<SendResult> SendAsync(NotificationChannel channel, string? secret, NotificationMessage message, CancellationToken cancellationToken);
}
