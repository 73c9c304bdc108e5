using Sotp.Core.Snmp;

namespace Sotp.Collectors.Snmp.Polling;

/// <summary>
/// Typed reads of varbind values that give null for anything unexpected: an exception value (noSuchObject,
/// noSuchInstance, endOfMibView) or a value of the wrong type is no value, never a zero.
/// </summary>
public static class SnmpValues
{
    /// <summary>The values of one table column by a single-number index (ifIndex, hrStorageIndex); others are skipped.</summary>
    public static Dictionary<int, SnmpValue> Column(IEnumerable<VarBind> binds, Oid column)
    {
        var values = new Dictionary<int, SnmpValue>();
        foreach (var bind in binds)
        {
            if (!bind.Value.IsException && bind.Oid.Length == column.Length + 1 && bind.Oid.StartsWith(column) && bind.Oid[column.Length] <= int.MaxValue)
            {
                values[(int)bind.Oid[column.Length]] = bind.Value;
            }
        }

        return values;
    }

    public static string? Text(SnmpValue? value) => value?.Type == SnmpType.OctetString ? value.AsText().TrimEnd('\0') : null;

    public static int? Number(SnmpValue? value) =>
        value?.Type == SnmpType.Integer32 && value.AsInt64() is >= int.MinValue and <= int.MaxValue and var number ? (int)number : null;

    public static ulong? Gauge(SnmpValue? value) => value?.Type == SnmpType.Gauge32 ? value.AsUInt64() : null;

    public static SnmpCounter? Counter(SnmpValue? value) => value?.Type switch
    {
        SnmpType.Counter32 => new SnmpCounter(value.AsUInt64(), 32),
        SnmpType.Counter64 => new SnmpCounter(value.AsUInt64(), 64),
        _ => null,
    };

    public static string? ObjectId(SnmpValue? value) => value?.Type == SnmpType.ObjectIdentifier ? value.AsOid().ToString() : null;

    public static uint? Ticks(SnmpValue? value) => value?.Type == SnmpType.TimeTicks ? (uint)value.AsUInt64() : null;
}
