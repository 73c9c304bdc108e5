using Sotp.Core.Devices;
using Sotp.Core.Monitoring;
using Sotp.Core.Sites;

namespace Sotp.Core.Topology;

/// <summary>The topology for the API: devices of the sites the caller may see, their status from memory, declared and LLDP links among them.</summary>
public sealed class TopologyQueries(IDeviceStore devices, ITopologyStore links, DeviceStatusBoard statuses, SiteService sites)
{
    public async Task<TopologyView> GetAsync(long? siteId, Caller caller, CancellationToken cancellationToken)
    {
        var scope = await sites.ScopeAsync(caller, cancellationToken);
        var visible = (await devices.ListAllAsync(new DeviceFilter(SiteId: siteId), cancellationToken))
            .Where(device => scope is null || scope.Contains(device.SiteId)).ToList();
        var ids = visible.Select(device => device.Id).ToHashSet();
        var nodes = visible.Select(device => new TopologyNode(device.Id, device.SiteId, device.Name, device.Kind, device.Address,
            statuses.Get(device.Id).Status, device.ParentId)).ToList();
        var edges = visible.Where(device => device.ParentId is { } parent && ids.Contains(parent))
            .Select(device => new TopologyEdge(TopologyLinkKind.Parent, device.Id, device.ParentId!.Value, null, null, null))
            .Concat((await links.ListAsync(cancellationToken))
                .Where(link => ids.Contains(link.LocalDeviceId) && ids.Contains(link.RemoteDeviceId))
                .Select(link => new TopologyEdge(TopologyLinkKind.Lldp, link.LocalDeviceId, link.RemoteDeviceId, link.LocalPort, link.RemotePort, link.SeenAt)))
            .ToList();
        return new TopologyView(nodes, edges);
    }
}
