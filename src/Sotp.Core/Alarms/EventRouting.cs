using Sotp.Core.Events;

namespace Sotp.Core.Alarms;

/// <summary>What the intake decided about an event before the store files it.</summary>
/// <param name="SiteId">The event's site, from the event or its device.</param>
/// <param name="Priority">After per-device override and service mode.</param>
/// <param name="Silent">The site is in service mode.</param>
/// <param name="Title">Title of the alarm, should the event open one.</param>
/// <param name="CorrelateToDeviceId">The event's parent device is DOWN too: attach to that device's open alarm of the same category, if there is one.</param>
public sealed record EventRouting(
    long SiteId,
    EventPriority Priority,
    bool Silent,
    bool RequiresNote,
    string Title,
    long? CorrelateToDeviceId,
    TimeSpan BundleWindow);

public enum IngestResult
{
    /// <summary>The dedup key was seen before; its first event's repeat count went up.</summary>
    Duplicate,

    /// <summary>Logged against the site; no alarm.</summary>
    Signal,

    Opened,
    Joined,

    /// <summary>Attached to the parent device's alarm as an affected device.</summary>
    Affected,
}

/// <param name="Alarm">The alarm the event opened or joined; null for duplicates and signals.</param>
public sealed record IngestOutcome(IngestResult Result, long EventId, Alarm? Alarm);
