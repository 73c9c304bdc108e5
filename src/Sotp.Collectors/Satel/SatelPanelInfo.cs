namespace Sotp.Collectors.Satel;

/// <summary>The panel's answer to 0x7E.</summary>
public sealed record SatelPanelInfo(byte Type, string Version, byte Language, bool SettingsInFlash)
{
    /// <summary>The model for the type code, from Satel's table.</summary>
    public string Model => Type switch
    {
        0 => "INTEGRA 24",
        1 => "INTEGRA 32",
        2 => "INTEGRA 64",
        3 => "INTEGRA 128",
        4 => "INTEGRA 128-WRL SIM300",
        132 => "INTEGRA 128-WRL LEON",
        66 => "INTEGRA 64 PLUS",
        67 => "INTEGRA 128 PLUS",
        72 => "INTEGRA 256 PLUS",
        _ => $"unknown INTEGRA (type {Type})",
    };

    /// <summary>
    /// How many zones the model can have (Satel's data sheets); an unknown type is taken as 128, what a 16-byte set
    /// holds, so nothing the panel reports is dropped.
    /// </summary>
    public int ZoneCount => Type switch
    {
        0 => 24,
        1 => 32,
        2 or 66 => 64,
        72 => 256,
        _ => 128,
    };

    /// <summary>How many outputs the model can have (Satel's data sheets); an unknown type is taken as 128.</summary>
    public int OutputCount => Type switch
    {
        0 => 20,
        1 => 32,
        2 or 66 => 64,
        72 => 256,
        _ => 128,
    };

    /// <summary>How many partitions the model can have: 4 on an INTEGRA 24, 16 on a 32, 32 on the others.</summary>
    public int PartitionCount => Type switch
    {
        0 => 4,
        1 => 16,
        _ => 32,
    };

    /// <summary>
    /// The 11 characters <c>VMMYYYYMMDD</c> as a person reads them (<c>1.18 2019-03-21</c>); anything else is
    /// returned as sent.
    /// </summary>
    public static string FormatVersion(string raw) =>
        raw.Length == 11 && raw.All(char.IsAsciiDigit)
            ? $"{raw[0]}.{raw[1..3]} {raw[3..7]}-{raw[7..9]}-{raw[9..11]}"
            : raw;
}
