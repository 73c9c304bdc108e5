namespace Sotp.Core.Snmp;

/// <summary>
/// One row of IF-MIB's ifTable joined with its ifXTable row. Octets are the 64-bit HC counters where the agent has
/// them, the 32-bit ones otherwise. Every value the agent did not give (or gave with the wrong type) is null.
/// </summary>
/// <param name="SpeedBps">From ifHighSpeed when ifSpeed is saturated or absent; null when unknown (0).</param>
/// <param name="AdminStatus">ifAdminStatus: 1 up, 2 down, 3 testing.</param>
/// <param name="OperStatus">ifOperStatus: 1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 notPresent, 7 lowerLayerDown.</param>
public sealed record SnmpInterfaceReading(
    int Index,
    string? Name,
    string? Alias,
    string? Description,
    ulong? SpeedBps,
    int? AdminStatus,
    int? OperStatus,
    SnmpCounter? InOctets,
    SnmpCounter? OutOctets,
    SnmpCounter? InErrors,
    SnmpCounter? OutErrors,
    SnmpCounter? InDiscards,
    SnmpCounter? OutDiscards)
{
    /// <summary>The name charts and events use: ifName, else ifDescr, else the index.</summary>
    public string DisplayName => !string.IsNullOrWhiteSpace(Name) ? Name
        : !string.IsNullOrWhiteSpace(Description) ? Description
        : Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
