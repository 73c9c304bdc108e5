namespace Sotp.Core.Snmp;

/// <summary>An interface as the API shows it, with the rates of the latest poll (null until two polls in a row answered).</summary>
public sealed record SnmpInterfaceView(
    int Index,
    string Name,
    string? Alias,
    ulong? SpeedBps,
    InterfaceStatus? AdminStatus,
    InterfaceStatus? OperStatus,
    double? InBps,
    double? OutBps);
