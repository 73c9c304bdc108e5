using Dapper;
using Sotp.Core.Topology;

namespace Sotp.Storage.Topology;

public sealed class TopologyStore(Store store, StoreMetrics metrics) : ITopologyStore
{
    public async Task ReplaceAsync(long localDeviceId, IReadOnlyList<TopologyLink> links, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("topology.replace");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM topology_links WHERE local_device_id = @localDeviceId", new { localDeviceId }, write.Transaction, cancellationToken: cancellationToken));
        // A device deleted meanwhile has no links to keep: the join skips the rows whose devices are gone.
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO topology_links (local_device_id, local_port, remote_device_id, remote_port, seen_at)
            SELECT @LocalDeviceId, @LocalPort, @RemoteDeviceId, @RemotePort, @SeenAt
            WHERE EXISTS (SELECT 1 FROM devices WHERE id = @LocalDeviceId) AND EXISTS (SELECT 1 FROM devices WHERE id = @RemoteDeviceId)
            """, links.Where(link => link.LocalDeviceId == localDeviceId), write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TopologyLink>> ListAsync(CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("topology.list");
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LinkRow>(new CommandDefinition(
                "SELECT local_device_id, local_port, remote_device_id, remote_port, seen_at FROM topology_links ORDER BY local_device_id, local_port, remote_device_id",
                cancellationToken: cancellationToken)))
            .Select(row => new TopologyLink(row.LocalDeviceId, row.LocalPort, row.RemoteDeviceId, row.RemotePort, row.SeenAt)).ToList();
    }

    private sealed class LinkRow
    {
        public long LocalDeviceId { get; init; }
        public string LocalPort { get; init; } = "";
        public long RemoteDeviceId { get; init; }
        public string? RemotePort { get; init; }
        public DateTimeOffset SeenAt { get; init; }
    }
}
