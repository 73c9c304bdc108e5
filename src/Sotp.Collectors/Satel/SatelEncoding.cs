namespace Sotp.Collectors.Satel;

/// <summary>The field encodings of the integration protocol: user codes, partition/zone/output sets, temperatures.</summary>
public static class SatelEncoding
{
    public const int UserCodeBytes = 8;
    public const int PartitionSetBytes = 4;

    /// <summary>
    /// A user code (with its prefix, when the panel uses prefixes) as 8 bytes of BCD, one digit per nibble, unused
    /// nibbles 0xF: <c>1234</c> → <c>12 34 FF FF FF FF FF FF</c>.
    /// </summary>
    public static byte[] UserCode(string code, string? prefix = null)
    {
        var digits = (prefix ?? "") + code;
        if (digits.Length is 0 or > UserCodeBytes * 2 || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A user code (with its prefix) is 1 to 16 digits.", nameof(code));
        }

        var bytes = new byte[UserCodeBytes];
        for (var nibble = 0; nibble < UserCodeBytes * 2; nibble++)
        {
            var value = nibble < digits.Length ? digits[nibble] - '0' : 0xF;
            bytes[nibble / 2] |= (byte)(nibble % 2 == 0 ? value << 4 : value);
        }

        return bytes;
    }

    /// <summary>Numbers (1-based) as a bit set, LSB first: bit 0 of byte 0 is number 1.</summary>
    public static byte[] Set(IEnumerable<int> numbers, int bytes)
    {
        var set = new byte[bytes];
        foreach (var number in numbers)
        {
            if (number < 1 || number > bytes * 8)
            {
                throw new ArgumentOutOfRangeException(nameof(numbers), number, $"Numbers in a {bytes}-byte set are 1..{bytes * 8}.");
            }

            set[(number - 1) / 8] |= (byte)(1 << ((number - 1) % 8));
        }

        return set;
    }

    /// <summary>The 1-based numbers whose bits are set.</summary>
    public static IReadOnlyList<int> Numbers(ReadOnlySpan<byte> set)
    {
        var numbers = new List<int>();
        for (var i = 0; i < set.Length * 8; i++)
        {
            if ((set[i / 8] & (1 << (i % 8))) != 0)
            {
                numbers.Add(i + 1);
            }
        }

        return numbers;
    }

    /// <summary>A zone temperature from the 0x7D answer: raw × 0.5 − 55 °C; 0xFFFF means the panel does not know.</summary>
    public static double? Temperature(ushort raw) => raw == 0xFFFF ? null : raw * 0.5 - 55;
}
