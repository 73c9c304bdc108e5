namespace Sotp.Core.Topology;

/// <summary>LLDP links between known devices, kept per reporting device.</summary>
public interface ITopologyStore
{
    /// <summary>Makes <paramref name="links"/> the whole set the device reports: a link it no longer reports is gone.</summary>
    Task ReplaceAsync(long localDeviceId, IReadOnlyList<TopologyLink> links, CancellationToken cancellationToken);

    Task<IReadOnlyList<TopologyLink>> ListAsync(CancellationToken cancellationToken);
}
