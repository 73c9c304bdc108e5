using Sotp.Core.Devices;

namespace Sotp.Core.Snmp;

/// <summary>The system group as the API shows it, with the maker found from sysObjectID.</summary>
/// <param name="Kind">What the maker mostly makes; null when unknown or when its range spans kinds.</param>
public sealed record SnmpSystemView(string? Description, string? ObjectId, string? Name, double? UpTimeSeconds, string? Vendor, DeviceKind? Kind)
{
    public static SnmpSystemView From(SnmpSystem system)
    {
        var vendor = SnmpVendors.FromSysObjectId(system.ObjectId);
        return new SnmpSystemView(system.Description, system.ObjectId, system.Name, system.UpTimeTicks / 100.0, vendor?.Name, vendor?.Kind);
    }
}
