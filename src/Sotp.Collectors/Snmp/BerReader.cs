namespace Sotp.Collectors.Snmp;

/// <summary>
/// Reads BER front to back over a span. Every check failure throws <see cref="SnmpDecodeException"/> and nothing
/// else: lengths are checked against what is left before any slicing, so no index can go out of range.
/// Single-byte tags only (SNMP uses no others), definite lengths only (RFC 3417 forbids the indefinite form).
/// </summary>
public ref struct BerReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _origin;
    private int _position;

    /// <param name="origin">Where <paramref name="data"/> starts in the whole message, for offsets in errors.</param>
    public BerReader(ReadOnlySpan<byte> data, int origin = 0)
    {
        _data = data;
        _origin = origin;
        _position = 0;
    }

    public readonly bool HasMore => _position < _data.Length;

    /// <summary>Offset of the next byte in the whole message.</summary>
    public readonly int Offset => _origin + _position;

    public readonly byte PeekTag() => HasMore ? _data[_position] : throw Fail("expected a value, found the end");

    /// <summary>Reads one tag-length-value; <paramref name="contentOffset"/> is where its content starts in the whole message.</summary>
    public ReadOnlySpan<byte> Read(out byte tag, out int contentOffset)
    {
        tag = PeekTag();
        if ((tag & 0x1F) == 0x1F)
        {
            throw Fail($"multi-byte tag 0x{tag:X2} is not used by SNMP");
        }

        _position++;
        var length = ReadLength();
        if (length > _data.Length - _position)
        {
            throw Fail($"length {length} runs past the end ({_data.Length - _position} bytes left)");
        }

        contentOffset = Offset;
        var content = _data.Slice(_position, length);
        _position += length;
        return content;
    }

    public ReadOnlySpan<byte> Read(byte expectedTag) => Read(expectedTag, out _);

    public ReadOnlySpan<byte> Read(byte expectedTag, out int contentOffset)
    {
        var start = Offset;
        var content = Read(out var tag, out contentOffset);
        return tag == expectedTag ? content : throw new SnmpDecodeException($"expected tag 0x{expectedTag:X2}, found 0x{tag:X2}", start);
    }

    /// <summary>A reader over the contents of a constructed value (SEQUENCE, PDU).</summary>
    public BerReader ReadConstructed(byte expectedTag)
    {
        var start = Offset;
        var content = Read(out var tag, out var contentOffset);
        return tag == expectedTag ? new BerReader(content, contentOffset) : throw new SnmpDecodeException($"expected tag 0x{expectedTag:X2}, found 0x{tag:X2}", start);
    }

    public BerReader ReadSequence() => ReadConstructed(0x30);

    public long ReadInteger(byte tag = (byte)SnmpType.Integer32) => ParseSigned(Read(tag), Offset);

    public int ReadInt32()
    {
        var start = Offset;
        var value = ReadInteger();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new SnmpDecodeException($"integer {value} is out of the 32-bit range", start);
    }

    public ReadOnlySpan<byte> ReadOctetString() => Read((byte)SnmpType.OctetString);

    public readonly void ExpectEnd()
    {
        if (HasMore)
        {
            throw Fail($"{_data.Length - _position} unexpected bytes after the last value");
        }
    }

    internal static long ParseSigned(ReadOnlySpan<byte> content, int offset)
    {
        if (content.Length is 0 or > 8)
        {
            throw new SnmpDecodeException($"an integer of {content.Length} bytes", offset);
        }

        long value = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++)
        {
            value = (value << 8) | content[i];
        }

        return value;
    }

    /// <summary>Unsigned types: big-endian magnitude, one leading zero allowed for values with the top bit set.</summary>
    internal static ulong ParseUnsigned(ReadOnlySpan<byte> content, int bits, int offset)
    {
        var significant = content;
        while (significant.Length > 1 && significant[0] == 0)
        {
            significant = significant[1..];
        }

        if (content.Length == 0 || significant.Length > bits / 8)
        {
            throw new SnmpDecodeException($"{content.Length} bytes do not hold an unsigned {bits}-bit number", offset);
        }

        ulong value = 0;
        foreach (var b in significant)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    internal static Oid ParseOid(ReadOnlySpan<byte> content, int offset)
    {
        if (content.Length == 0 || (content[^1] & 0x80) != 0)
        {
            throw new SnmpDecodeException(content.Length == 0 ? "an empty OID" : "an OID whose last sub-identifier is cut off", offset);
        }

        var arcs = new List<uint>(content.Length + 1);
        ulong current = 0;
        foreach (var b in content)
        {
            current = (current << 7) | (uint)(b & 0x7F);
            if (current > uint.MaxValue + 80UL)
            {
                throw new SnmpDecodeException("an OID sub-identifier above 32 bits", offset);
            }

            if ((b & 0x80) != 0)
            {
                continue;
            }

            if (arcs.Count == 0)
            {
                // The first sub-identifier packs two arcs; anything from 80 up belongs under arc 2.
                var first = current < 40 ? 0u : current < 80 ? 1u : 2u;
                var second = current - (first * 40);
                if (second > uint.MaxValue)
                {
                    throw new SnmpDecodeException("an OID sub-identifier above 32 bits", offset);
                }

                arcs.Add(first);
                arcs.Add((uint)second);
            }
            else if (current > uint.MaxValue)
            {
                throw new SnmpDecodeException("an OID sub-identifier above 32 bits", offset);
            }
            else
            {
                arcs.Add((uint)current);
            }

            current = 0;
        }

        return arcs.Count <= Oid.MaxArcs ? Oid.FromTrusted([.. arcs]) : throw new SnmpDecodeException($"an OID of {arcs.Count} arcs (at most {Oid.MaxArcs})", offset);
    }

    private int ReadLength()
    {
        if (!HasMore)
        {
            throw Fail("a tag without a length");
        }

        var first = _data[_position++];
        if (first < 0x80)
        {
            return first;
        }

        var count = first & 0x7F;
        if (count == 0)
        {
            throw Fail("indefinite length");
        }

        if (count > 4 || count > _data.Length - _position)
        {
            throw Fail($"a length of {count} bytes");
        }

        long length = 0;
        for (var i = 0; i < count; i++)
        {
            length = (length << 8) | _data[_position++];
        }

        return length <= int.MaxValue ? (int)length : throw Fail($"length {length}");
    }

    private readonly SnmpDecodeException Fail(string message) => new(message, Offset);
}
