namespace Sotp.Core.Snmp;

/// <summary>One row of a device's LLDP-MIB lldpRemTable: a neighbour seen on one of its ports.</summary>
/// <param name="LocalPortNumber">lldpRemLocalPortNum, the index into lldpLocPortTable.</param>
/// <param name="LocalPort">Our port as lldpLocPortTable names it (description, else port id, else the number).</param>
/// <param name="ChassisId">lldpRemChassisId as text: a MAC address in colon hex, else the printable value.</param>
/// <param name="ManagementAddress">An IPv4 or IPv6 address from lldpRemManAddrTable, when the neighbour announced one.</param>
public sealed record LldpNeighbour(int LocalPortNumber, string LocalPort, string? ChassisId, string? PortId, string? SysName, string? ManagementAddress);
