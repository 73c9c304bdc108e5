using Sotp.Collectors.Satel;
using Sotp.Core.Events;

namespace Sotp.Server.Satel;

/// <summary>A panel's live state as the API returns it: every partition and zone with its status, UNKNOWN when not current.</summary>
/// <param name="RetryAt">When the worker tries the module again, while it waits (after a failure, "Busy!", or a release).</param>
/// <param name="ReleasedUntil">Set while the panel is released for DLOAD.</param>
public sealed record PanelState(
    long DeviceId,
    SatelConnectionStatus Connection,
    string? Problem,
    DateTimeOffset? RetryAt,
    DateTimeOffset? ReleasedUntil,
    string? Model,
    DateTimeOffset? LastAnswerAt,
    IReadOnlyList<PanelState.PartitionState> Partitions,
    IReadOnlyList<PanelState.ZoneState> Zones,
    IReadOnlyList<int> Outputs,
    IReadOnlyList<SatelTrouble> Troubles)
{
    public static PanelState From(SatelPanelWorker worker)
    {
        var snapshot = worker.Snapshot();
        return new PanelState(snapshot.DeviceId, snapshot.Connection, snapshot.Problem, snapshot.RetryAt, worker.ReleasedUntil, snapshot.Model, snapshot.LastAnswerAt,
            [.. snapshot.Partitions.OrderBy(p => p.Key).Select(p => new PartitionState(p.Key, p.Value))],
            [.. snapshot.Zones.OrderBy(z => z.Key).Select(z => new ZoneState(z.Key, z.Value,
                worker.Panel.ZonePriorities.TryGetValue(z.Key, out var overridden) ? overridden : EventPriority.Critical))],
            [.. snapshot.Outputs.Order()],
            snapshot.Troubles);
    }

    public sealed record PartitionState(int Number, SatelPartitionStatus Status);

    /// <param name="Priority">What the zone's alarms and tampers raise: its priority override, else CRITICAL.</param>
    public sealed record ZoneState(int Number, SatelZoneStatus Status, EventPriority Priority);
}
