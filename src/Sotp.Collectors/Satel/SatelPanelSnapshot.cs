namespace Sotp.Collectors.Satel;

/// <summary>A panel's live state as the console shows it. Immutable: a worker publishes a new one after each poll.</summary>
/// <param name="LastAnswerAt">When the panel last answered a poll; null before it ever did.</param>
/// <param name="Problem">Why the connection is not up, in words, while it is not.</param>
/// <param name="RetryAt">When the worker tries again, while it waits after a failure or "Busy!".</param>
public sealed record SatelPanelSnapshot(
    long DeviceId,
    SatelConnectionStatus Connection,
    string? Model,
    IReadOnlyDictionary<int, SatelPartitionStatus> Partitions,
    IReadOnlyDictionary<int, SatelZoneStatus> Zones,
    IReadOnlySet<int> Outputs,
    IReadOnlyList<SatelTrouble> Troubles,
    DateTimeOffset? LastAnswerAt,
    string? Problem,
    DateTimeOffset? RetryAt = null)
{
    public static SatelPanelSnapshot Empty(long deviceId) =>
        new(deviceId, SatelConnectionStatus.Connecting, null, new Dictionary<int, SatelPartitionStatus>(), new Dictionary<int, SatelZoneStatus>(),
            new HashSet<int>(), [], null, null);

    /// <summary>True when the panel has not answered lately: statuses read Unknown, and the outputs are only what was last seen.</summary>
    public bool Stale { get; init; }

    /// <summary>The same panel with every partition and zone Unknown: what we knew is too old to show as current.</summary>
    public SatelPanelSnapshot AsUnknown() =>
        this with
        {
            Stale = true,
            Partitions = Partitions.ToDictionary(p => p.Key, _ => SatelPartitionStatus.Unknown),
            Zones = Zones.ToDictionary(z => z.Key, _ => SatelZoneStatus.Unknown),
        };
}
