using Sotp.Core.Events;

namespace Sotp.Core.Alarms;

/// <summary>
/// Events of one site and category, bundled for an operator (the STAM seed's "bundle alarm"). Every change
/// raises <see cref="Version"/>; a change based on an older version is refused (409).
/// </summary>
/// <param name="DeviceId">The device of the first event, when it had one.</param>
/// <param name="Priority">The highest priority of its events.</param>
/// <param name="RequiresNote">Acknowledging needs a note (temperature alarms).</param>
/// <param name="Silent">Raised while the site was in service mode: lowered priority, no sound.</param>
/// <param name="AffectedDeviceIds">Devices whose own failure is explained by this alarm's device (correlation).</param>
/// <param name="LastActivityAt">The last event, transition or note; auto-close counts quiet time from here.</param>
public sealed record Alarm(
    long Id,
    long SiteId,
    long? DeviceId,
    string Category,
    EventPriority Priority,
    AlarmState State,
    string Title,
    bool RequiresNote,
    bool Silent,
    int EventCount,
    IReadOnlyList<long> AffectedDeviceIds,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastEventAt,
    DateTimeOffset LastActivityAt,
    long? ClaimedById,
    string? ClaimedByName,
    DateTimeOffset? ClaimExpiresAt,
    DateTimeOffset? AckedAt,
    string? AckNote,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    long Version)
{
    /// <summary>Time to acknowledge, once acknowledged.</summary>
    public TimeSpan? TimeToAck => AckedAt - OpenedAt;

    /// <summary>Time to resolve, once resolved.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt - OpenedAt;
}
