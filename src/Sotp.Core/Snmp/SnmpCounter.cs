namespace Sotp.Core.Snmp;

/// <summary>A counter as an agent gave it: the value and whether it is a Counter32 or a Counter64 (they wrap differently).</summary>
public readonly record struct SnmpCounter(ulong Value, int Bits);
