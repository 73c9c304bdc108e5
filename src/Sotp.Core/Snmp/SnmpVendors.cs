using System.Globalization;
using Sotp.Core.Devices;

namespace Sotp.Core.Snmp;

/// <summary>
/// Who made a device, from the enterprise number in its sysObjectID (<c>1.3.6.1.4.1.N.…</c>, IANA's Private
/// Enterprise Numbers). A small table of the makers we meet; an unknown number is reported as unknown, never guessed.
/// </summary>
public static class SnmpVendors
{
    /// <summary>iso.org.dod.internet.private.enterprises: every vendor's sysObjectID lives under it.</summary>
    public const string EnterprisesPrefix = "1.3.6.1.4.1.";

    private static readonly Dictionary<uint, SnmpVendor> Known = new SnmpVendor[]
    {
        new(9, "Cisco", null),
        new(11, "HPE", DeviceKind.Switch),
        new(171, "D-Link", DeviceKind.Switch),
        new(311, "Microsoft", DeviceKind.Server),
        new(674, "Dell", DeviceKind.Server),
        new(1916, "Extreme Networks", DeviceKind.Switch),
        new(2011, "Huawei", null),
        new(2021, "Net-SNMP", DeviceKind.Server),
        new(2620, "Check Point", DeviceKind.Firewall),
        new(2636, "Juniper", null),
        new(3375, "F5", null),
        new(4526, "Netgear", DeviceKind.Switch),
        new(6486, "Alcatel-Lucent Enterprise", DeviceKind.Switch),
        new(6876, "VMware", DeviceKind.Server),
        new(8072, "Net-SNMP", DeviceKind.Server),
        new(8741, "SonicWall", DeviceKind.Firewall),
        new(11863, "TP-Link", null),
        new(12356, "Fortinet", DeviceKind.Firewall),
        new(14823, "Aruba", DeviceKind.AccessPoint),
        new(14988, "MikroTik", DeviceKind.Router),
        new(25461, "Palo Alto Networks", DeviceKind.Firewall),
        new(30065, "Arista", DeviceKind.Switch),
        new(41112, "Ubiquiti", null),
        new(47196, "HPE", DeviceKind.Switch),
    }.ToDictionary(vendor => vendor.EnterpriseNumber);

    /// <summary>The enterprise number of a sysObjectID in dotted form (a leading dot allowed); null when it is not under enterprises.</summary>
    public static uint? EnterpriseNumber(string? sysObjectId)
    {
        var text = sysObjectId?.Trim().TrimStart('.');
        if (text is null || !text.StartsWith(EnterprisesPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text[EnterprisesPrefix.Length..];
        var end = rest.IndexOf('.', StringComparison.Ordinal);
        return uint.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>The maker of a device from its sysObjectID; null when the number is not in the table (or there is none).</summary>
    public static SnmpVendor? FromSysObjectId(string? sysObjectId) =>
        EnterpriseNumber(sysObjectId) is { } number && Known.TryGetValue(number, out var vendor) ? vendor : null;
}
