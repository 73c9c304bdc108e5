namespace Sotp.Collectors.Satel;

/// <summary>
/// One message of the INTEGRA integration protocol, the same in both directions:
/// <c>FE FE | cmd | data… | crc.hi crc.lo | FE 0D</c>, with every 0xFE between the header and the trailer sent as
/// <c>FE F0</c>.
/// </summary>
public sealed record SatelFrame(byte Command, byte[] Data)
{
    public const byte Sync = 0xFE;
    public const byte StuffedFe = 0xF0;
    public const byte End = 0x0D;

    /// <summary>The bytes on the wire.</summary>
    public byte[] Encode()
    {
        if (Command == Sync)
        {
            // The decoder reads FE after FE FE as more sync, so 0xFE can never be a command.
            throw new ArgumentException("0xFE is not a valid command byte.", nameof(Command));
        }

        var crc = SatelCrc.Compute(Command, Data);
        var wire = new List<byte>(Data.Length + 8) { Sync, Sync };
        Stuffed(wire, Command);
        foreach (var b in Data)
        {
            Stuffed(wire, b);
        }

        Stuffed(wire, (byte)(crc >> 8));
        Stuffed(wire, (byte)crc);
        wire.Add(Sync);
        wire.Add(End);
        return [.. wire];
    }

    public bool Equals(SatelFrame? other) => other is not null && Command == other.Command && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Command, Data.Length);

    public override string ToString() => $"{Command:X2} [{Convert.ToHexString(Data)}]";

    private static void Stuffed(List<byte> wire, byte b)
    {
        wire.Add(b);
        if (b == Sync)
        {
            wire.Add(StuffedFe);
        }
    }
}
