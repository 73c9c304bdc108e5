namespace Sotp.Collectors.Snmp;

/// <summary>The v3 PDU with its context (RFC 3412): which engine and which context the request is for.</summary>
public sealed record ScopedPdu(byte[] ContextEngineId, byte[] ContextName, Pdu Pdu)
{
    public void Write(BerWriter writer)
    {
        var end = writer.Length;
        PduCodec.WritePdu(writer, Pdu);
        writer.WriteOctetString(ContextName);
        writer.WriteOctetString(ContextEngineId);
        writer.Wrap(0x30, end);
    }

    public byte[] Encode()
    {
        var writer = new BerWriter();
        Write(writer);
        return writer.ToArray();
    }

    public static ScopedPdu Read(ref BerReader reader)
    {
        var sequence = reader.ReadSequence();
        var engineId = sequence.ReadOctetString().ToArray();
        var contextName = sequence.ReadOctetString().ToArray();
        var pdu = PduCodec.ReadPdu(ref sequence);
        sequence.ExpectEnd();
        return new ScopedPdu(engineId, contextName, pdu);
    }

    /// <summary>
    /// Decodes a decrypted scoped PDU. Block ciphers pad the plaintext (DES to 8 bytes), so bytes after the
    /// SEQUENCE are ignored.
    /// </summary>
    public static ScopedPdu Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new BerReader(bytes);
        return Read(ref reader);
    }

    public bool Equals(ScopedPdu? other) =>
        other is not null && ContextEngineId.AsSpan().SequenceEqual(other.ContextEngineId) &&
        ContextName.AsSpan().SequenceEqual(other.ContextName) && Pdu.Equals(other.Pdu);

    public override int GetHashCode() => HashCode.Combine(ContextEngineId.Length, ContextName.Length, Pdu);
}
