namespace Sotp.Collectors.Snmp;

/// <summary>
/// An SNMPv3 message with the User-based Security Model (RFC 3412 section 6, RFC 3414): header data, USM parameters
/// and either a plaintext scoped PDU or its encryption (exactly one of <see cref="Plaintext"/> and
/// <see cref="Encrypted"/> is set). Signing and encryption happen outside, in the USM classes; this type only
/// knows the layout, including where the MAC lives so it can be filled in after encoding.
/// </summary>
public sealed record V3Message(int MessageId, int MaxSize, V3Flags Flags, UsmSecurityParameters Security, ScopedPdu? Plaintext, byte[]? Encrypted)
{
    /// <summary>The User-based Security Model's number in msgSecurityModel.</summary>
    public const int UsmSecurityModel = 3;

    /// <summary>Encodes the message; <paramref name="macOffset"/> is where the authentication parameters' bytes start.</summary>
    public byte[] Encode(out int macOffset)
    {
        if ((Plaintext is null) == (Encrypted is null))
        {
            throw new InvalidOperationException("A v3 message carries either a plaintext or an encrypted scoped PDU.");
        }

        var writer = new BerWriter();
        var end = writer.Length;
        if (Encrypted is not null)
        {
            writer.WriteOctetString(Encrypted);
        }
        else
        {
            Plaintext!.Write(writer);
        }

        var parametersEnd = writer.Length;
        var macFromEnd = Security.Write(writer);
        writer.Wrap((byte)SnmpType.OctetString, parametersEnd);
        var headerEnd = writer.Length;
        writer.WriteInteger(UsmSecurityModel);
        writer.WriteOctetString([(byte)Flags]);
        writer.WriteInteger(MaxSize);
        writer.WriteInteger(MessageId);
        writer.Wrap(0x30, headerEnd);
        writer.WriteInteger((int)SnmpVersion.V3);
        writer.Wrap(0x30, end);
        macOffset = writer.Length - macFromEnd;
        return writer.ToArray();
    }

    public static V3Message Decode(ReadOnlySpan<byte> bytes, out int macOffset)
    {
        var reader = new BerReader(bytes);
        var message = reader.ReadSequence();
        reader.ExpectEnd();
        var versionAt = message.Offset;
        if (message.ReadInteger() != (int)SnmpVersion.V3)
        {
            throw new SnmpDecodeException("not an SNMPv3 message", versionAt);
        }

        var header = message.ReadSequence();
        var messageId = header.ReadInt32();
        var maxSize = header.ReadInt32();
        var flagsAt = header.Offset;
        var flags = header.ReadOctetString();
        var modelAt = header.Offset;
        var model = header.ReadInteger();
        header.ExpectEnd();
        if (flags.Length != 1)
        {
            throw new SnmpDecodeException($"msgFlags of {flags.Length} bytes", flagsAt);
        }

        if (model != UsmSecurityModel)
        {
            throw new SnmpDecodeException($"security model {model} is not USM (3)", modelAt);
        }

        var parameters = message.Read((byte)SnmpType.OctetString, out var parametersAt);
        var security = UsmSecurityParameters.Read(new BerReader(parameters, parametersAt), out macOffset);
        ScopedPdu? plaintext = null;
        byte[]? encrypted = null;
        if (message.PeekTag() == (byte)SnmpType.OctetString)
        {
            encrypted = message.ReadOctetString().ToArray();
        }
        else
        {
            plaintext = ScopedPdu.Read(ref message);
        }

        message.ExpectEnd();
        return new V3Message(messageId, maxSize, (V3Flags)flags[0], security, plaintext, encrypted);
    }

    public bool Equals(V3Message? other) =>
        other is not null && MessageId == other.MessageId && MaxSize == other.MaxSize && Flags == other.Flags &&
        Security.Equals(other.Security) && Equals(Plaintext, other.Plaintext) &&
        (Encrypted is null ? other.Encrypted is null : other.Encrypted is not null && Encrypted.AsSpan().SequenceEqual(other.Encrypted));

    public override int GetHashCode() => HashCode.Combine(MessageId, Flags, Security);
}
