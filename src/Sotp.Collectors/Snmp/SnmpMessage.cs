namespace Sotp.Collectors.Snmp;

/// <summary>Entry points for whole datagrams: which version a message is, and v1/v2c decoding.</summary>
public static class SnmpMessage
{
    /// <summary>The msgVersion of a datagram, read without decoding the rest.</summary>
    public static SnmpVersion ReadVersion(ReadOnlySpan<byte> bytes)
    {
        var reader = new BerReader(bytes);
        var message = reader.ReadSequence();
        var at = message.Offset;
        var version = message.ReadInteger();
        return version is (int)SnmpVersion.V1 or (int)SnmpVersion.V2c or (int)SnmpVersion.V3
            ? (SnmpVersion)version
            : throw new SnmpDecodeException($"unknown SNMP version {version}", at);
    }

    public static CommunityMessage DecodeCommunity(ReadOnlySpan<byte> bytes)
    {
        var reader = new BerReader(bytes);
        var message = reader.ReadSequence();
        reader.ExpectEnd();
        var at = message.Offset;
        var version = message.ReadInteger();
        if (version is not ((int)SnmpVersion.V1 or (int)SnmpVersion.V2c))
        {
            throw new SnmpDecodeException($"version {version} is not v1 or v2c", at);
        }

        var community = message.ReadOctetString().ToArray();
        var pdu = PduCodec.ReadPdu(ref message);
        message.ExpectEnd();
        return new CommunityMessage((SnmpVersion)version, community, pdu);
    }
}
