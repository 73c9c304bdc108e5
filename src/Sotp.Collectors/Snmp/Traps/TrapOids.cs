namespace Sotp.Collectors.Snmp.Traps;

/// <summary>The notification OIDs every agent sends (SNMPv2-MIB, IF-MIB); the objects they carry are in <see cref="Polling.Mib"/>.</summary>
public static class TrapOids
{
    public static readonly Oid SnmpTrapOid = Oid.Parse("1.3.6.1.6.3.1.1.4.1.0");

    /// <summary>snmpTraps: coldStart is .1, warmStart .2, linkDown .3, linkUp .4, authenticationFailure .5, egpNeighborLoss .6.</summary>
    public static readonly Oid SnmpTraps = Oid.Parse("1.3.6.1.6.3.1.1.5");
    public static readonly Oid ColdStart = SnmpTraps.Append(1);
    public static readonly Oid WarmStart = SnmpTraps.Append(2);
    public static readonly Oid LinkDown = SnmpTraps.Append(3);
    public static readonly Oid LinkUp = SnmpTraps.Append(4);
    public static readonly Oid AuthenticationFailure = SnmpTraps.Append(5);

    /// <summary>A short name for the well-known notifications, the dotted OID for the rest.</summary>
    public static string NameOf(Oid trap) =>
        trap == ColdStart ? "coldStart" :
        trap == WarmStart ? "warmStart" :
        trap == LinkDown ? "linkDown" :
        trap == LinkUp ? "linkUp" :
        trap == AuthenticationFailure ? "authenticationFailure" :
        trap == SnmpTraps.Append(6) ? "egpNeighborLoss" : trap.ToString();
}
