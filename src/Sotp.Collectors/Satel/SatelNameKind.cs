namespace Sotp.Collectors.Satel;

/// <summary>What a name read (0xEE) is about: the first byte of the request.</summary>
public enum SatelNameKind : byte
{
    Partition = 0,
    Zone = 1,
    User = 2,
    Output = 4,

    /// <summary>
    /// A zone's name and, in one more byte after it, the partition the zone belongs to *(unverified against Satel:
    /// the layout is the openHAB binding's, whose answers from real panels are 19 data bytes, 20 for this type)*.
    /// </summary>
    ZoneWithPartition = 5,
}
