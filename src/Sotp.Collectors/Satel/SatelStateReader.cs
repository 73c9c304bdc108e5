namespace Sotp.Collectors.Satel;

/// <summary>
/// One polling step as the protocol description recommends: ask 0x7F which answers changed, then read only those
/// (and whatever the state has never read). Sent about once a second, the 0x7F also keeps the connection alive.
/// </summary>
public static class SatelStateReader
{
    /// <summary>Reads what changed into <paramref name="state"/> and returns the status changes.</summary>
    public static async Task<SatelStateChanges> RefreshAsync(this SatelClient client, SatelPanelState state, CancellationToken cancellationToken = default) =>
        await client.ReadChangedAsync(state, await client.ReadNewDataAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The second half of the step, for a caller that asked 0x7F itself because it also reads other flagged commands
    /// (outputs, troubles): reads the flagged partition and zone sets and those never read.
    /// </summary>
    public static async Task<SatelStateChanges> ReadChangedAsync(this SatelClient client, SatelPanelState state, IReadOnlySet<byte> flagged, CancellationToken cancellationToken = default)
    {
        var partitionReads = new List<KeyValuePair<SatelPartitionQuery, IReadOnlySet<int>>>();
        foreach (var query in SatelPanelState.PartitionReads.Where(q => flagged.Contains((byte)q) || !state.HasRead(q)))
        {
            partitionReads.Add(new(query, await client.ReadPartitionsAsync(query, cancellationToken)));
        }

        var zoneReads = new List<KeyValuePair<SatelZoneQuery, IReadOnlySet<int>>>();
        foreach (var query in SatelPanelState.ZoneReads.Where(q => flagged.Contains((byte)q) || !state.HasRead(q)))
        {
            zoneReads.Add(new(query, await client.ReadZonesAsync(query, cancellationToken)));
        }

        // Applied together, so a partition going from exit time to armed is one change, not two.
        return state.Update(partitionReads, zoneReads);
    }
}
