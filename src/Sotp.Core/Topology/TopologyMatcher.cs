using Sotp.Core.Devices;
using Sotp.Core.Snmp;

namespace Sotp.Core.Topology;

/// <summary>
/// Turns LLDP neighbours into links between known devices. A neighbour is a device when its chassis id is one that
/// device reported as its own, or its management address is the device's address, or its sysName is the device's name
/// or the sysName it answered polls with (compared ignoring case and any domain part). Neighbours we do not know, and
/// a device seeing itself, give no link.
/// </summary>
public static class TopologyMatcher
{
    /// <param name="identities">What each polled device says it is: its sysName and its LLDP chassis id.</param>
    public static IReadOnlyList<TopologyLink> Match(long localDeviceId, SnmpLldp lldp, IReadOnlyCollection<Device> devices,
        IReadOnlyDictionary<long, DeviceIdentity> identities, DateTimeOffset now)
    {
        var links = new List<TopologyLink>();
        foreach (var neighbour in lldp.Neighbours)
        {
            var remote = Find(neighbour, devices, identities);
            if (remote is not null && remote.Id != localDeviceId &&
                !links.Any(link => link.LocalPort == neighbour.LocalPort && link.RemoteDeviceId == remote.Id))
            {
                links.Add(new TopologyLink(localDeviceId, neighbour.LocalPort, remote.Id, neighbour.PortId, now));
            }
        }

        return links;
    }

    private static Device? Find(LldpNeighbour neighbour, IReadOnlyCollection<Device> devices, IReadOnlyDictionary<long, DeviceIdentity> identities)
    {
        if (neighbour.ChassisId is { } chassis &&
            devices.FirstOrDefault(device => identities.TryGetValue(device.Id, out var known) && string.Equals(known.ChassisId, chassis, StringComparison.OrdinalIgnoreCase)) is { } byChassis)
        {
            return byChassis;
        }

        if (neighbour.ManagementAddress is { } address && devices.FirstOrDefault(device => DeviceAddress.HostOf(device.Address) == address) is { } byAddress)
        {
            return byAddress;
        }

        var name = ShortName(neighbour.SysName);
        return name is null ? null : devices.FirstOrDefault(device =>
            ShortName(device.Name) == name || (identities.TryGetValue(device.Id, out var known) && ShortName(known.SysName) == name));
    }

    /// <summary>"core-1.example.net" and "CORE-1" are one name: LLDP agents announce either.</summary>
    private static string? ShortName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        return (dot > 0 && !System.Net.IPAddress.TryParse(trimmed, out _) ? trimmed[..dot] : trimmed).ToLowerInvariant();
    }
}
