using Sotp.Collectors.Satel;
using Sotp.Core.Events;

namespace Sotp.Server.Satel;

/// <summary>One zone of GET /api/v1/panels/{id}/zones.</summary>
/// <param name="Partition">The partition the panel puts the zone in, when it said.</param>
/// <param name="DefaultPriority">What the zone's alarms and tampers raise without an override: CRITICAL.</param>
/// <param name="Priority">What they raise now: the override, else the default.</param>
/// <param name="Status">Live; UNKNOWN when the panel has not answered lately or is not watched on this node.</param>
public sealed record PanelZoneEntry(int Number, string? Name, int? Partition, int? Function, EventPriority DefaultPriority, EventPriority? PriorityOverride,
    EventPriority Priority, SatelZoneStatus Status);
