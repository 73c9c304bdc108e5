namespace Sotp.Core.Snmp;

/// <summary>What a device's LLDP-MIB says: its own chassis id and the neighbours it sees. Empty when the agent has no LLDP.</summary>
public sealed record SnmpLldp(string? LocalChassisId, IReadOnlyList<LldpNeighbour> Neighbours)
{
    public static SnmpLldp None { get; } = new(null, []);
}
