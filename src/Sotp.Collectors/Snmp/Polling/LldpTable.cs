using System.Globalization;
using System.Net;
using Sotp.Core.Snmp;
using static Sotp.Collectors.Snmp.Polling.SnmpValues;

namespace Sotp.Collectors.Snmp.Polling;

/// <summary>
/// Joins walked LLDP-MIB columns into neighbours. Pure: varbinds in, neighbours out. lldpRemTable is indexed by
/// (timeMark, localPortNum, remIndex); lldpRemManAddrTable adds (addrSubtype, addrLen, addr…) to that index, so the
/// management address is read from the OID itself.
/// </summary>
public static class LldpTable
{
    private const int RemIndexArcs = 3;

    // IANA address family numbers used by lldpRemManAddrSubtype.
    private const uint Ipv4Family = 1;
    private const uint Ipv6Family = 2;

    /// <param name="binds">Everything walked under <see cref="Mib.LldpColumns"/>, in any order.</param>
    /// <param name="localChassisId">lldpLocChassisId, when the agent has it.</param>
    public static SnmpLldp Parse(IReadOnlyList<VarBind> binds, SnmpValue? localChassisId)
    {
        var portIds = Column(binds, Mib.LldpLocPortId);
        var portDescriptions = Column(binds, Mib.LldpLocPortDesc);
        var chassis = RemColumn(binds, Mib.LldpRemChassisId);
        var ports = RemColumn(binds, Mib.LldpRemPortId);
        var names = RemColumn(binds, Mib.LldpRemSysName);
        var addresses = ManagementAddresses(binds);
        var neighbours = chassis.Keys.Union(names.Keys).Union(ports.Keys).Order().Select(key =>
        {
            var localPort = Printable(portDescriptions.GetValueOrDefault(key.LocalPort))
                ?? Printable(portIds.GetValueOrDefault(key.LocalPort)) ?? key.LocalPort.ToString(CultureInfo.InvariantCulture);
            return new LldpNeighbour(key.LocalPort, localPort, Printable(chassis.GetValueOrDefault(key)), Printable(ports.GetValueOrDefault(key)),
                Printable(names.GetValueOrDefault(key)), addresses.GetValueOrDefault(key));
        }).ToList();
        return new SnmpLldp(Printable(localChassisId), neighbours);
    }

    /// <summary>
    /// An identifier as people read it: printable ASCII as text, anything else (a MAC address, mostly) as
    /// lower-case colon hex, which is how LLDP tools show chassis ids. Null for no value or an empty one.
    /// </summary>
    public static string? Printable(SnmpValue? value)
    {
        if (value is null || value.Type != SnmpType.OctetString)
        {
            return null;
        }

        var bytes = value.AsBytes();
        if (bytes.Length == 0)
        {
            return null;
        }

        var printable = true;
        foreach (var b in bytes)
        {
            printable &= b is >= 0x20 and < 0x7f;
        }

        return printable ? Text(value)!.Trim() : string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static Dictionary<RemKey, SnmpValue> RemColumn(IEnumerable<VarBind> binds, Oid column)
    {
        var values = new Dictionary<RemKey, SnmpValue>();
        foreach (var bind in binds)
        {
            if (!bind.Value.IsException && bind.Oid.Length == column.Length + RemIndexArcs && bind.Oid.StartsWith(column) && Key(bind.Oid, column.Length) is { } key)
            {
                values[key] = bind.Value;
            }
        }

        return values;
    }

    private static Dictionary<RemKey, string> ManagementAddresses(IEnumerable<VarBind> binds)
    {
        var column = Mib.LldpRemManAddrIfSubtype;
        var found = new Dictionary<RemKey, string>();
        foreach (var bind in binds)
        {
            var oid = bind.Oid;
            var at = column.Length + RemIndexArcs;
            if (!oid.StartsWith(column) || oid.Length < at + 2 || Key(oid, column.Length) is not { } key)
            {
                continue;
            }

            var family = oid[at];
            var length = (int)Math.Min(oid[at + 1], 16);
            if (oid.Length != at + 2 + length || (family, length) is not ((Ipv4Family, 4) or (Ipv6Family, 16)))
            {
                continue;
            }

            var bytes = new byte[length];
            for (var i = 0; i < length; i++)
            {
                if (oid[at + 2 + i] > byte.MaxValue)
                {
                    bytes = null;
                    break;
                }

                bytes[i] = (byte)oid[at + 2 + i];
            }

            // IPv4 first: a neighbour announcing both is matched against inventories that mostly hold IPv4 addresses.
            if (bytes is not null && (!found.TryGetValue(key, out var known) || (family == Ipv4Family && known.Contains(':'))))
            {
                found[key] = new IPAddress(bytes).ToString();
            }
        }

        return found;
    }

    private static RemKey? Key(Oid oid, int at) =>
        oid[at] <= int.MaxValue && oid[at + 1] <= int.MaxValue && oid[at + 2] <= int.MaxValue
            ? new RemKey((int)oid[at + 1], (int)oid[at + 2], oid[at])
            : null;

    /// <summary>A neighbour's row; ordered by local port, then by the agent's index for it.</summary>
    private readonly record struct RemKey(int LocalPort, int RemIndex, uint TimeMark) : IComparable<RemKey>
    {
        public int CompareTo(RemKey other) => (LocalPort, RemIndex, TimeMark).CompareTo((other.LocalPort, other.RemIndex, other.TimeMark));
    }
}
