namespace Sotp.Collectors.Snmp;

/// <summary>UsmSecurityParameters (RFC 3414 section 2.4), carried BER-encoded inside msgSecurityParameters.</summary>
public sealed record UsmSecurityParameters(
    byte[] EngineId,
    int EngineBoots,
    int EngineTime,
    byte[] UserName,
    byte[] AuthenticationParameters,
    byte[] PrivacyParameters)
{
    public static readonly UsmSecurityParameters Empty = new([], 0, 0, [], [], []);

    /// <summary>Writes the parameters; returns how many bytes from the end of the writer the MAC's first byte sits.</summary>
    public int Write(BerWriter writer)
    {
        var end = writer.Length;
        writer.WriteOctetString(PrivacyParameters);
        var macEnd = writer.Length;
        writer.WriteOctetString(AuthenticationParameters);
        var macFromEnd = macEnd + AuthenticationParameters.Length;
        writer.WriteOctetString(UserName);
        writer.WriteInteger(EngineTime);
        writer.WriteInteger(EngineBoots);
        writer.WriteOctetString(EngineId);
        writer.Wrap(0x30, end);
        return macFromEnd;
    }

    /// <summary>Reads the parameters from the content of msgSecurityParameters; <paramref name="macOffset"/> is the MAC's offset in the message.</summary>
    public static UsmSecurityParameters Read(BerReader reader, out int macOffset)
    {
        var sequence = reader.ReadSequence();
        reader.ExpectEnd();
        var engineId = sequence.ReadOctetString().ToArray();
        var boots = sequence.ReadInt32();
        var time = sequence.ReadInt32();
        var user = sequence.ReadOctetString().ToArray();
        var mac = sequence.Read((byte)SnmpType.OctetString, out macOffset);
        var privacy = sequence.ReadOctetString().ToArray();
        sequence.ExpectEnd();
        return new UsmSecurityParameters(engineId, boots, time, user, mac.ToArray(), privacy);
    }

    public bool Equals(UsmSecurityParameters? other) =>
        other is not null && EngineBoots == other.EngineBoots && EngineTime == other.EngineTime &&
        EngineId.AsSpan().SequenceEqual(other.EngineId) && UserName.AsSpan().SequenceEqual(other.UserName) &&
        AuthenticationParameters.AsSpan().SequenceEqual(other.AuthenticationParameters) &&
        PrivacyParameters.AsSpan().SequenceEqual(other.PrivacyParameters);

    public override int GetHashCode() => HashCode.Combine(EngineBoots, EngineTime, EngineId.Length, UserName.Length);
}
