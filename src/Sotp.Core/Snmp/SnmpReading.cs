namespace Sotp.Core.Snmp;

/// <summary>
/// What one poll read from a device. A part the agent does not implement is null (or empty), never zero; a part that
/// failed is null (or empty) too and named in <see cref="Failures"/>.
/// </summary>
/// <param name="CpuPercent">Average hrProcessorLoad over the processors.</param>
/// <param name="MemoryUsedPercent">hrStorageRam used/size, or UCD memTotalReal/memAvailReal.</param>
/// <param name="LoadAverage1m">UCD laLoad.1, read only when HOST-RESOURCES has no processor load: a load is not a percentage.</param>
/// <param name="Lldp">LLDP-MIB neighbours, for the topology; <see cref="SnmpLldp.None"/> when the agent has none, null when its walk failed.</param>
public sealed record SnmpReading(
    SnmpSystem System,
    IReadOnlyList<SnmpInterfaceReading> Interfaces,
    double? CpuPercent,
    double? MemoryUsedPercent,
    double? LoadAverage1m,
    IReadOnlyList<SnmpPartFailure>? Failures = null,
    SnmpLldp? Lldp = null)
{
    public bool Failed(string part) => Failures?.Any(failure => failure.Part == part) == true;
}
