namespace Sotp.Collectors.Snmp;

/// <summary>An SNMPv1 or v2c message: version, community, PDU (RFC 1157, RFC 1901).</summary>
public sealed record CommunityMessage(SnmpVersion Version, byte[] Community, Pdu Pdu)
{
    public byte[] Encode()
    {
        var writer = new BerWriter();
        var end = writer.Length;
        PduCodec.WritePdu(writer, Pdu);
        writer.WriteOctetString(Community);
        writer.WriteInteger((int)Version);
        writer.Wrap(0x30, end);
        return writer.ToArray();
    }

    public bool Equals(CommunityMessage? other) =>
        other is not null && Version == other.Version && Community.AsSpan().SequenceEqual(other.Community) && Pdu.Equals(other.Pdu);

    public override int GetHashCode() => HashCode.Combine(Version, Community.Length, Pdu);
}
