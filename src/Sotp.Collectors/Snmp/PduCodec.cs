namespace Sotp.Collectors.Snmp;

/// <summary>Varbind values and PDUs to and from BER. Pure functions; decoding throws only <see cref="SnmpDecodeException"/>.</summary>
public static class PduCodec
{
    public static void WriteValue(BerWriter writer, SnmpValue value)
    {
        switch (value.Type)
        {
            case SnmpType.Integer32:
                writer.WriteInteger(value.AsInt64());
                break;
            case SnmpType.OctetString or SnmpType.IpAddress or SnmpType.Opaque:
                writer.WriteOctetString(value.AsBytes(), (byte)value.Type);
                break;
            case SnmpType.ObjectIdentifier:
                writer.WriteOid(value.AsOid());
                break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64:
                writer.WriteUnsigned(value.AsUInt64(), (byte)value.Type);
                break;
            default:
                // NULL and the three exceptions carry no content.
                writer.WriteNull((byte)value.Type);
                break;
        }
    }

    public static SnmpValue ReadValue(ref BerReader reader)
    {
        var start = reader.Offset;
        var content = reader.Read(out var tag, out var at);
        switch ((SnmpType)tag)
        {
            case SnmpType.Integer32:
                return SnmpValue.Integer(BerReader.ParseSigned(content, at));
            case SnmpType.OctetString:
                return SnmpValue.OctetString(content);
            case SnmpType.Opaque:
                return SnmpValue.Opaque(content);
            case SnmpType.ObjectIdentifier:
                return SnmpValue.ObjectIdentifier(BerReader.ParseOid(content, at));
            case SnmpType.IpAddress:
                return content.Length == 4 ? SnmpValue.IpAddressBytes(content) : throw new SnmpDecodeException($"an IpAddress of {content.Length} bytes", at);
            case SnmpType.Counter32:
                return SnmpValue.Counter32((uint)BerReader.ParseUnsigned(content, 32, at));
            case SnmpType.Gauge32:
                return SnmpValue.Gauge32((uint)BerReader.ParseUnsigned(content, 32, at));
            case SnmpType.TimeTicks:
                return SnmpValue.TimeTicks((uint)BerReader.ParseUnsigned(content, 32, at));
            case SnmpType.Counter64:
                return SnmpValue.Counter64(BerReader.ParseUnsigned(content, 64, at));
            case SnmpType.Null or SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView:
                if (content.Length != 0)
                {
                    throw new SnmpDecodeException($"a {(SnmpType)tag} with {content.Length} bytes of content", at);
                }

                return (SnmpType)tag switch
                {
                    SnmpType.Null => SnmpValue.Null,
                    SnmpType.NoSuchObject => SnmpValue.NoSuchObject,
                    SnmpType.NoSuchInstance => SnmpValue.NoSuchInstance,
                    _ => SnmpValue.EndOfMibView,
                };
            default:
                throw new SnmpDecodeException($"unknown value type 0x{tag:X2}", start);
        }
    }

    public static void WritePdu(BerWriter writer, Pdu pdu)
    {
        var end = writer.Length;
        var listEnd = writer.Length;
        for (var i = pdu.VarBinds.Count - 1; i >= 0; i--)
        {
            var bindEnd = writer.Length;
            WriteValue(writer, pdu.VarBinds[i].Value);
            writer.WriteOid(pdu.VarBinds[i].Oid);
            writer.Wrap(0x30, bindEnd);
        }

        writer.Wrap(0x30, listEnd);
        writer.WriteInteger(pdu.ErrorIndexOrMaxRepetitions);
        writer.WriteInteger(pdu.ErrorStatusOrNonRepeaters);
        writer.WriteInteger(pdu.RequestId);
        writer.Wrap((byte)pdu.Type, end);
    }

    public static Pdu ReadPdu(ref BerReader reader)
    {
        var start = reader.Offset;
        var tag = reader.PeekTag();
        if (!Enum.IsDefined((PduType)tag))
        {
            throw new SnmpDecodeException($"unknown PDU type 0x{tag:X2}", start);
        }

        var body = reader.ReadConstructed(tag);
        var requestId = body.ReadInt32();
        var second = body.ReadInt32();
        var third = body.ReadInt32();
        var binds = ReadVarBinds(ref body);
        body.ExpectEnd();
        return new Pdu((PduType)tag, requestId, second, third, binds);
    }

    /// <summary>The variable-bindings SEQUENCE that ends every PDU, the v1 Trap-PDU included.</summary>
    public static List<VarBind> ReadVarBinds(ref BerReader reader)
    {
        var list = reader.ReadSequence();
        var binds = new List<VarBind>();
        while (list.HasMore)
        {
            var bind = list.ReadSequence();
            var oid = BerReader.ParseOid(bind.Read((byte)SnmpType.ObjectIdentifier), bind.Offset);
            var value = ReadValue(ref bind);
            bind.ExpectEnd();
            binds.Add(new VarBind(oid, value));
        }

        return binds;
    }

    public static byte[] EncodePdu(Pdu pdu)
    {
        var writer = new BerWriter();
        WritePdu(writer, pdu);
        return writer.ToArray();
    }

    public static Pdu DecodePdu(ReadOnlySpan<byte> bytes)
    {
        var reader = new BerReader(bytes);
        var pdu = ReadPdu(ref reader);
        reader.ExpectEnd();
        return pdu;
    }
}
