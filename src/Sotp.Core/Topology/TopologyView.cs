using Sotp.Core.Devices;
using Sotp.Core.Monitoring;

namespace Sotp.Core.Topology;

/// <summary>The network as a graph: devices with their status, and the links between them.</summary>
public sealed record TopologyView(IReadOnlyList<TopologyNode> Nodes, IReadOnlyList<TopologyEdge> Links);

/// <param name="ParentId">The declared uplink (the inventory's parent).</param>
public sealed record TopologyNode(long Id, long SiteId, string Name, DeviceKind Kind, string Address, DeviceStatus Status, long? ParentId);

/// <summary>A link: <c>PARENT</c> (declared: <paramref name="FromDeviceId"/> depends on <paramref name="ToDeviceId"/>) or <c>LLDP</c> (seen, with the ports).</summary>
public sealed record TopologyEdge(TopologyLinkKind Kind, long FromDeviceId, long ToDeviceId, string? FromPort, string? ToPort, DateTimeOffset? SeenAt);

public enum TopologyLinkKind
{
    Parent,
    Lldp,
}
