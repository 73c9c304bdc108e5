namespace Sotp.Collectors.Snmp;

/// <summary>
/// Writes BER back to front, as net-snmp does: a constructed value's length is known once its contents are
/// written, so each is wrapped with its tag and minimal length afterwards, without moving bytes. The catch is that
/// callers write the parts of a SEQUENCE last to first.
/// </summary>
public sealed class BerWriter
{
    private byte[] _buffer;
    private int _start;

    public BerWriter(int capacity = 512)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
        _start = _buffer.Length;
    }

    /// <summary>Bytes written so far. Taken before writing a value's contents, it is the mark to wrap them with.</summary>
    public int Length => _buffer.Length - _start;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(_start);

    public byte[] ToArray() => Written.ToArray();

    /// <summary>Puts a tag and length in front of everything written since <paramref name="mark"/>.</summary>
    public void Wrap(byte tag, int mark)
    {
        WriteLength(Length - mark);
        WriteByte(tag);
    }

    public void WriteInteger(long value, byte tag = (byte)SnmpType.Integer32)
    {
        var mark = Length;
        // Two's complement, least significant byte first, until the rest is pure sign extension.
        do
        {
            WriteByte((byte)value);
            value >>= 8;
        }
        while (!((value == 0 && (_buffer[_start] & 0x80) == 0) || (value == -1 && (_buffer[_start] & 0x80) != 0)));

        Wrap(tag, mark);
    }

    /// <summary>Counter32, Gauge32, TimeTicks, Counter64: unsigned, with a leading zero when the top bit is set.</summary>
    public void WriteUnsigned(ulong value, byte tag)
    {
        var mark = Length;
        do
        {
            WriteByte((byte)value);
            value >>= 8;
        }
        while (value != 0);

        if ((_buffer[_start] & 0x80) != 0)
        {
            WriteByte(0);
        }

        Wrap(tag, mark);
    }

    public void WriteOctetString(ReadOnlySpan<byte> value, byte tag = (byte)SnmpType.OctetString)
    {
        var mark = Length;
        WriteBytes(value);
        Wrap(tag, mark);
    }

    public void WriteNull(byte tag = (byte)SnmpType.Null)
    {
        WriteByte(0);
        WriteByte(tag);
    }

    public void WriteOid(Oid oid)
    {
        var mark = Length;
        var arcs = oid.Arcs;
        for (var i = arcs.Length - 1; i >= 2; i--)
        {
            WriteBase128(arcs[i]);
        }

        // The first two arcs share one sub-identifier: 40 * first + second (which can exceed 127 under arc 2).
        WriteBase128((arcs[0] * 40) + arcs[1]);
        Wrap((byte)SnmpType.ObjectIdentifier, mark);
    }

    private void WriteBase128(ulong value)
    {
        WriteByte((byte)(value & 0x7F));
        value >>= 7;
        while (value != 0)
        {
            WriteByte((byte)(0x80 | (value & 0x7F)));
            value >>= 7;
        }
    }

    private void WriteLength(int length)
    {
        if (length < 0x80)
        {
            WriteByte((byte)length);
            return;
        }

        var count = 0;
        for (var rest = length; rest != 0; rest >>= 8)
        {
            WriteByte((byte)rest);
            count++;
        }

        WriteByte((byte)(0x80 | count));
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        _start -= bytes.Length;
        bytes.CopyTo(_buffer.AsSpan(_start));
    }

    private void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[--_start] = value;
    }

    private void Reserve(int count)
    {
        if (_start >= count)
        {
            return;
        }

        var grown = new byte[Math.Max(_buffer.Length * 2, Length + count + 16)];
        Written.CopyTo(grown.AsSpan(grown.Length - Length));
        _start = grown.Length - Length;
        _buffer = grown;
    }
}
