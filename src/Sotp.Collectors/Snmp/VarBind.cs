namespace Sotp.Collectors.Snmp;

/// <summary>One name/value pair of a PDU.</summary>
public sealed record VarBind(Oid Oid, SnmpValue Value)
{
    /// <summary>A request varbind: the name with a NULL value.</summary>
    public static VarBind Request(Oid oid) => new(oid, SnmpValue.Null);

    public override string ToString() => $"{Oid} = {Value}";
}
