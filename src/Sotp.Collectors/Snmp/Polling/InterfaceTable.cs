using Sotp.Core.Snmp;
using static Sotp.Collectors.Snmp.Polling.SnmpValues;

namespace Sotp.Collectors.Snmp.Polling;

/// <summary>Joins walked ifTable and ifXTable columns into interface readings by ifIndex. Pure: varbinds in, readings out.</summary>
public static class InterfaceTable
{
    /// <param name="binds">Everything walked under <see cref="Mib.InterfaceColumns"/>, in any order.</param>
    public static IReadOnlyList<SnmpInterfaceReading> Parse(IReadOnlyList<VarBind> binds)
    {
        var columns = Mib.InterfaceColumns.ToDictionary(column => column, column => Column(binds, column));
        // A row exists when the agent gave any ifTable column for its index; ifXTable alone does not make an interface.
        var indexes = Mib.InterfaceColumns.Where(column => column.StartsWith(Mib.IfEntry))
            .SelectMany(column => columns[column].Keys).Distinct().Order();
        return indexes.Select(index =>
        {
            SnmpValue? Get(Oid column) => columns[column].GetValueOrDefault(index);
            var alias = Text(Get(Mib.IfAlias));
            return new SnmpInterfaceReading(
                index,
                Text(Get(Mib.IfName)),
                string.IsNullOrWhiteSpace(alias) ? null : alias,
                Text(Get(Mib.IfDescr)),
                InterfaceRates.SpeedBps(Gauge(Get(Mib.IfSpeed)), Gauge(Get(Mib.IfHighSpeed))),
                Number(Get(Mib.IfAdminStatus)),
                Number(Get(Mib.IfOperStatus)),
                Octets(Get(Mib.IfHcInOctets), Get(Mib.IfInOctets)),
                Octets(Get(Mib.IfHcOutOctets), Get(Mib.IfOutOctets)),
                Counter(Get(Mib.IfInErrors)),
                Counter(Get(Mib.IfOutErrors)),
                Counter(Get(Mib.IfInDiscards)),
                Counter(Get(Mib.IfOutDiscards)));
        }).ToList();
    }

    /// <summary>The 64-bit HC counter when the agent has one (it does not wrap within a poll at 10 Gb/s), the 32-bit one otherwise.</summary>
    private static SnmpCounter? Octets(SnmpValue? highCapacity, SnmpValue? classic) =>
        Counter(highCapacity) is { Bits: 64 } wide ? wide : Counter(classic);
}
