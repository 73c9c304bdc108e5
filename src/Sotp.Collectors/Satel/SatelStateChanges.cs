namespace Sotp.Collectors.Satel;

/// <summary>What one update of <see cref="SatelPanelState"/> changed.</summary>
public sealed record SatelStateChanges(
    IReadOnlyList<SatelStateChange<SatelPartitionStatus>> Partitions,
    IReadOnlyList<SatelStateChange<SatelZoneStatus>> Zones)
{
    public static readonly SatelStateChanges None = new([], []);

    public bool Any => Partitions.Count > 0 || Zones.Count > 0;
}
