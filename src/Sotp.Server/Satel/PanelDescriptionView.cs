using Sotp.Collectors.Satel;
using Sotp.Core.Panels;

namespace Sotp.Server.Satel;

/// <summary>
/// GET /api/v1/panels/{id}: what the panel said about itself when its worker last connected (type, firmware, ETHM
/// module) and its partitions with their names and live status.
/// </summary>
/// <param name="Versions">Null until a worker has connected to the panel once.</param>
/// <param name="NamesReadAt">When the names were last read in full (on each connection); null when never.</param>
public sealed record PanelDescriptionView(
    long DeviceId,
    SatelConnectionStatus? Connection,
    PanelVersions? Versions,
    DateTimeOffset? NamesReadAt,
    IReadOnlyList<PanelDescriptionView.PartitionEntry> Partitions)
{
    public sealed record PartitionEntry(int Number, string? Name, SatelPartitionStatus Status);
}
