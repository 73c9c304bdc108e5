namespace Sotp.Core.Events;

/// <summary>Whether an event needs an operator.</summary>
public enum EventKind
{
    /// <summary>Opens or joins an alarm in the operators' queue.</summary>
    Alarm,

    /// <summary>Logged against the site only: restores, tests, arming reports. Never queued for an operator.</summary>
    Signal,
}
