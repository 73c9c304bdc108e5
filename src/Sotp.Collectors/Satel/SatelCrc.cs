namespace Sotp.Collectors.Satel;

/// <summary>
/// Satel's frame checksum (not CRC-CCITT, despite its size): start 0x147A; per byte rotate left by one, invert,
/// then add the high byte and the data byte. Covers the command and data bytes before stuffing.
/// </summary>
public static class SatelCrc
{
    private const ushort Seed = 0x147A;

    public static ushort Compute(byte command, ReadOnlySpan<byte> data)
    {
        var crc = Step(Seed, command);
        foreach (var b in data)
        {
            crc = Step(crc, b);
        }

        return crc;
    }

    private static ushort Step(ushort crc, byte b)
    {
        crc = (ushort)((crc << 1) | (crc >> 15));
        crc = (ushort)~crc;
        return (ushort)(crc + (crc >> 8) + b);
    }
}
