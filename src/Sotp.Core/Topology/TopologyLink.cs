namespace Sotp.Core.Topology;

/// <summary>A cable LLDP reported between two known devices: <paramref name="LocalDeviceId"/> sees <paramref name="RemoteDeviceId"/> on <paramref name="LocalPort"/>.</summary>
/// <param name="RemotePort">The neighbour's port id as it announced it; null when it did not.</param>
/// <param name="SeenAt">When the local device's poll last changed its set of links.</param>
public sealed record TopologyLink(long LocalDeviceId, string LocalPort, long RemoteDeviceId, string? RemotePort, DateTimeOffset SeenAt);
