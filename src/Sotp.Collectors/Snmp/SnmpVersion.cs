namespace Sotp.Collectors.Snmp;

/// <summary>The msgVersion field: the numbers on the wire, not the marketing names.</summary>
public enum SnmpVersion
{
    V1 = 0,
    V2c = 1,
    V3 = 3,
}
