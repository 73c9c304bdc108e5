namespace Sotp.Core.Snmp;

/// <summary>
/// A part of a poll that failed while the agent answered the rest (a table that timed out, an agent error on one
/// walk): the poll is PARTIAL, the part gives no points, and its reason is shown on the device.
/// </summary>
/// <param name="Part">One of <see cref="SnmpParts"/>.</param>
public sealed record SnmpPartFailure(string Part, string Reason)
{
    public override string ToString() => $"{Part}: {Reason}";
}

/// <summary>The parts of a poll that can fail on their own. The system group cannot: without it nothing answered.</summary>
public static class SnmpParts
{
    public const string Interfaces = "interfaces";
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Lldp = "lldp";
}
