namespace Sotp.Core.Topology;

/// <summary>What a polled device says it is, for recognising it in its neighbours' LLDP tables.</summary>
public sealed record DeviceIdentity(string? SysName, string? ChassisId);
