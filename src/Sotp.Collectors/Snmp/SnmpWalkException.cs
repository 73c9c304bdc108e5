namespace Sotp.Collectors.Snmp;

/// <summary>A walk was stopped because the agent misbehaved: OIDs that do not increase (a loop) or an endless table.</summary>
public sealed class SnmpWalkException(string message) : SnmpException(message);
