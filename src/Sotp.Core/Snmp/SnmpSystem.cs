namespace Sotp.Core.Snmp;

/// <summary>The MIB-2 system group as read; a field is null when the agent had no value for it.</summary>
/// <param name="ObjectId">sysObjectID in dotted form: who made the device and what it is.</param>
/// <param name="UpTimeTicks">sysUpTime in hundredths of a second since the agent (re)started.</param>
public sealed record SnmpSystem(string? Description, string? ObjectId, string? Name, uint? UpTimeTicks);
