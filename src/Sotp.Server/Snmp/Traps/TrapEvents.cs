using System.Globalization;
using System.Text;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Collectors.Snmp.Traps;
using Sotp.Core.Events;
using Sotp.Core.Snmp;

namespace Sotp.Server.Snmp.Traps;

/// <summary>
/// What a trap means for the alarm core: link and restart traps become the same kinds of events the poller finds,
/// so an operator sees one vocabulary; any other trap is logged against the site as an INFO signal named by its OID.
/// </summary>
public static class TrapEvents
{
    private const int MaxVarBindsShown = 6;
    private const int MaxValueLength = 60;

    public static EventInput ToEvent(SnmpTrap trap, long deviceId, DateTimeOffset receivedAt)
    {
        var name = TrapOids.NameOf(trap.TrapOid);
        var (category, code, priority, kind, zone) =
            trap.TrapOid == TrapOids.LinkDown ? (SnmpDeviceTracker.InterfaceCategory, SnmpDeviceTracker.LinkDownCode, EventPriority.High, EventKind.Alarm, Interface(trap)) :
            trap.TrapOid == TrapOids.LinkUp ? (SnmpDeviceTracker.InterfaceCategory, SnmpDeviceTracker.LinkUpCode, EventPriority.Info, EventKind.Signal, Interface(trap)) :
            trap.TrapOid == TrapOids.ColdStart ? ("availability", "cold_start", EventPriority.Medium, EventKind.Alarm, null) :
            trap.TrapOid == TrapOids.WarmStart ? ("availability", "warm_start", EventPriority.Medium, EventKind.Alarm, null) :
            trap.TrapOid == TrapOids.AuthenticationFailure ? ("security", "auth_failure", EventPriority.Low, EventKind.Alarm, null) :
            ("snmp_trap", trap.TrapOid.ToString(), EventPriority.Info, EventKind.Signal, (string?)null);
        // v2c names each notification by its request-id; v1 has none, so repeats within a minute count as one.
        var instance = trap.RequestId is { } id
            ? id.ToString(CultureInfo.InvariantCulture)
            : receivedAt.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var dedup = $"trap:{deviceId.ToString(CultureInfo.InvariantCulture)}:{trap.TrapOid}:{zone}:{instance}";
        var message = $"SNMP trap {name}{(zone is null ? "" : $" on {zone}")}{Describe(trap.VarBinds)}";
        return new EventInput("snmp", null, deviceId, zone, category, code, priority, kind, message, receivedAt, dedup);
    }

    /// <summary>The interface a link trap is about: ifName, else ifDescr, else the ifIndex as a number.</summary>
    private static string? Interface(SnmpTrap trap)
    {
        string? Text(Oid column) => trap.VarBinds.FirstOrDefault(b => b.Oid.StartsWith(column) && b.Oid.Length > column.Length && b.Value.Type == SnmpType.OctetString)
            ?.Value.AsText();
        var index = trap.VarBinds.FirstOrDefault(b => b.Oid.StartsWith(Mib.IfIndex) && b.Oid.Length > Mib.IfIndex.Length);
        var number = index is null ? null : index.Value.Type == SnmpType.Integer32 ? index.Value.AsInt64().ToString(CultureInfo.InvariantCulture) : index.Oid[^1].ToString(CultureInfo.InvariantCulture);
        return Short(Text(Mib.IfName) ?? Text(Mib.IfDescr) ?? number);
    }

    private static string Describe(IReadOnlyList<VarBind> binds)
    {
        if (binds.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder(": ");
        foreach (var bind in binds.Take(MaxVarBindsShown))
        {
            text.Append(text.Length > 2 ? ", " : "").Append(bind.Oid).Append('=').Append(Short(Value(bind.Value)));
        }

        return binds.Count > MaxVarBindsShown ? text.Append(", …").ToString() : text.ToString();
    }

    private static string Value(SnmpValue value) => value.Type switch
    {
        SnmpType.OctetString when value.AsBytes().ToArray().All(b => b is >= 0x20 and < 0x7F) => value.AsText(),
        SnmpType.Integer32 => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Short(string? text) => text is { Length: > MaxValueLength } ? text[..MaxValueLength] + "…" : text;
}
