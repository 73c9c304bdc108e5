namespace Sotp.Core.Notifications;

/// <summary>What a delivery tells the channel about its alarm.</summary>
public enum NotificationEvent
{
    Trigger,
    Resolve,

    /// <summary>An escalation step: the alarm is still unclaimed; one delivery per step and repeat.</summary>
    Escalate,

    /// <summary>A test message sent by hand from the API; never stored as a delivery.</summary>
    Test,
}
