using System.Diagnostics.CodeAnalysis;
using System.Net;
using Sotp.Collectors.Snmp.Polling;

namespace Sotp.Collectors.Snmp.Traps;

/// <summary>
/// Reads v1 Trap-PDUs, v2c SNMPv2-Trap and InformRequest datagrams. Anyone can send us a datagram, so
/// <see cref="TryDecode"/> never throws: whatever is not one of these comes back as false with the reason.
/// </summary>
public static class TrapDecoder
{
    /// <summary>The v1 Trap-PDU tag (RFC 1157); the v2 PDU types are in <see cref="PduType"/>.</summary>
    public const byte V1TrapTag = 0xA4;

    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SnmpTrap? trap, [NotNullWhen(false)] out string? error)
    {
        try
        {
            trap = Decode(bytes);
            error = null;
            return true;
        }
        catch (SnmpDecodeException ex)
        {
            trap = null;
            error = ex.Message;
            return false;
        }
    }

    /// <exception cref="SnmpDecodeException">Not a v1/v2c trap or inform, or broken BER.</exception>
    public static SnmpTrap Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new BerReader(bytes);
        var message = reader.ReadSequence();
        reader.ExpectEnd();
        var at = message.Offset;
        var version = message.ReadInteger();
        if (version is not ((int)SnmpVersion.V1 or (int)SnmpVersion.V2c))
        {
            throw new SnmpDecodeException($"version {version} is not v1 or v2c (v3 notifications are not accepted)", at);
        }

        var community = message.ReadOctetString().ToArray();
        var trap = version == (int)SnmpVersion.V1
            ? ReadV1(ref message, community)
            : ReadV2(ref message, community);
        message.ExpectEnd();
        return trap;
    }

    private static SnmpTrap ReadV1(ref BerReader message, byte[] community)
    {
        var at = message.Offset;
        var pdu = message.ReadConstructed(V1TrapTag);
        var enterprise = BerReader.ParseOid(pdu.Read((byte)SnmpType.ObjectIdentifier), pdu.Offset);
        var agent = PduCodec.ReadValue(ref pdu);
        var generic = pdu.ReadInteger();
        var specific = pdu.ReadInteger();
        _ = PduCodec.ReadValue(ref pdu); // time-stamp
        var binds = PduCodec.ReadVarBinds(ref pdu);
        pdu.ExpectEnd();
        if (agent.Type != SnmpType.IpAddress)
        {
            throw new SnmpDecodeException($"agent-addr is a {agent.Type}, not an IpAddress", at);
        }

        // RFC 3584 section 3.1: generic 0-5 are the snmpTraps, 6 is enterprise-specific.
        var trapOid = generic switch
        {
            >= 0 and <= 5 => TrapOids.SnmpTraps.Append((uint)generic + 1),
            6 when specific is >= 0 and <= uint.MaxValue && enterprise.Length <= Oid.MaxArcs - 2 => enterprise.Append(0, (uint)specific),
            _ => throw new SnmpDecodeException($"generic-trap {generic} / specific-trap {specific} is not a trap", at),
        };
        return new SnmpTrap(SnmpVersion.V1, community, false, null, trapOid, new IPAddress(agent.AsBytes()), binds, binds);
    }

    private static SnmpTrap ReadV2(ref BerReader message, byte[] community)
    {
        var at = message.Offset;
        return FromPdu(SnmpVersion.V2c, community, PduCodec.ReadPdu(ref message), at);
    }

    /// <summary>A v2 notification PDU (v2c, or v3 once USM has checked it); <paramref name="community"/> is the v3 user name.</summary>
    /// <exception cref="SnmpDecodeException">Not an SNMPv2-Trap or InformRequest, or without snmpTrapOID.0.</exception>
    public static SnmpTrap FromPdu(SnmpVersion version, byte[] community, Pdu pdu, int at)
    {
        if (pdu.Type is not (PduType.SnmpV2Trap or PduType.InformRequest))
        {
            throw new SnmpDecodeException($"a {pdu.Type} is not a notification", at);
        }

        // RFC 3416 section 4.2.6: sysUpTime.0 first, snmpTrapOID.0 second; found by name to forgive sloppy agents.
        var trapOid = pdu.VarBinds.FirstOrDefault(bind => bind.Oid == TrapOids.SnmpTrapOid && bind.Value.Type == SnmpType.ObjectIdentifier)?.Value.AsOid()
            ?? throw new SnmpDecodeException("the notification has no snmpTrapOID.0", at);
        var rest = pdu.VarBinds.Where(bind => bind.Oid != Mib.SysUpTime && bind.Oid != TrapOids.SnmpTrapOid).ToList();
        return new SnmpTrap(version, community, pdu.Type == PduType.InformRequest, pdu.RequestId, trapOid, null, rest, pdu.VarBinds);
    }
}
