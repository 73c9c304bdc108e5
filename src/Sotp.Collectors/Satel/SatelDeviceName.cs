namespace Sotp.Collectors.Satel;

/// <summary>
/// The answer to 0xEE: a partition, zone, user or output name. <see cref="Function"/> is the byte after the
/// number (partition type, zone reaction or output function), kept raw: its tables are Satel's.
/// </summary>
public sealed record SatelDeviceName(SatelNameKind Kind, int Number, byte Function, string Name);
