using System.Text;

namespace Sotp.Collectors.Satel;

/// <summary>
/// The text fields of the protocol (names of zones, partitions, users and outputs): 16 bytes, space-padded. The
/// panels are configured in DLOADX with Windows code pages; Polish diacritics, the common case, are Windows-1250.
/// The protocol description does not name the code page, so this is an assumption shared with the openHAB binding.
/// </summary>
public static class SatelText
{
    public const int NameBytes = 16;

    public static Encoding Encoding { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1250)
        ?? throw new InvalidOperationException("Windows-1250 is not available from CodePagesEncodingProvider.");

    /// <summary>
    /// A name field as text, without the padding. Control characters (a garbled answer, a NUL inside the field) become
    /// U+FFFD: they would mean nothing on screen, and PostgreSQL refuses NUL in text.
    /// </summary>
    public static string DecodeName(ReadOnlySpan<byte> field)
    {
        var text = Encoding.GetString(field).TrimEnd(' ', '\0');
        return string.Create(text.Length, text, (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    /// <summary>A name as the 16-byte field the panel sends (longer names are cut, as DLOADX does).</summary>
    public static byte[] EncodeName(string name)
    {
        var field = Encoding.GetBytes(name.Length > NameBytes ? name[..NameBytes] : name.PadRight(NameBytes));
        return field.Length == NameBytes ? field : field[..NameBytes];
    }
}
