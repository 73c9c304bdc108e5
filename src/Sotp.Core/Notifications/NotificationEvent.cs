namespace Sotp.Core.Notifications;

/// <summary>What a delivery tells the channel about its alarm.</summary>
public enum NotificationEvent
{
    Trigger,
    Resolve,

    /// <summary>A test message sent by hand from the API; never stored as a delivery.</summary>
    Test,
}
