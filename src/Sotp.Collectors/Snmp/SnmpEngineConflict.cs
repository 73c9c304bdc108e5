using System.Net;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// Two agents answered discovery with the same engine id: cloned configurations do this. Tools that keep engine
/// clocks per engine id then fail v3 polls silently; we keep them per address, and report the clash so it gets fixed.
/// </summary>
public sealed record SnmpEngineConflict(string EngineIdHex, IPEndPoint First, IPEndPoint Second);
