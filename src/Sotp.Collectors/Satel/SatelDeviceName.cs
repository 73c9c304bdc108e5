namespace Sotp.Collectors.Satel;

/// <summary>
/// The answer to 0xEE: a partition, zone, user or output name. <see cref="Function"/> is the byte after the
/// number (partition type, zone reaction or output function), kept raw: its tables are Satel's.
/// </summary>
/// <param name="Partition">The zone's partition, from the extra byte of a <see cref="SatelNameKind.ZoneWithPartition"/> answer (0 there: none).</param>
public sealed record SatelDeviceName(SatelNameKind Kind, int Number, byte Function, string Name, int? Partition = null);
