using System.Net;
using CsCheck;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Collectors.Snmp.Traps;

namespace Sotp.Collectors.Tests.Snmp.Traps;

/// <summary>Valid v1 and v2c notifications as bytes, with what the decoder must find in them.</summary>
internal static class TrapGen
{
    private static readonly Gen<VarBind[]> Binds = Gen.Select(SnmpGen.Oid, SnmpGen.Value, (oid, value) => new VarBind(oid, value)).Array[0, 8];

    /// <summary>A v2c SNMPv2-Trap or InformRequest with sysUpTime.0 and snmpTrapOID.0 first.</summary>
    public static readonly Gen<(byte[] Bytes, Oid TrapOid, int RequestId, bool Inform, VarBind[] Others)> V2 =
        Gen.Select(Gen.Byte.Array[0, 32], Gen.Int, Gen.Bool, SnmpGen.Oid, Binds, Gen.UInt, (community, id, inform, trapOid, rest, ticks) =>
        {
            VarBind[] binds = [new(Mib.SysUpTime, SnmpValue.TimeTicks(ticks)), new(TrapOids.SnmpTrapOid, SnmpValue.ObjectIdentifier(trapOid)), .. rest];
            var pdu = new Pdu(inform ? PduType.InformRequest : PduType.SnmpV2Trap, id, 0, 0, binds);
            return (new CommunityMessage(SnmpVersion.V2c, community, pdu).Encode(), trapOid, id, inform, rest);
        });

    /// <summary>A v1 Trap-PDU (RFC 1157) with its generic and specific numbers.</summary>
    public static readonly Gen<(byte[] Bytes, Oid Enterprise, int Generic, int Specific, IPAddress Agent, VarBind[] Binds)> V1 =
        Gen.Select(Gen.Byte.Array[0, 32], SnmpGen.Oid, Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Byte.Array[4], Binds,
            (community, enterprise, generic, specific, agent, binds) =>
                (EncodeV1(community, enterprise, generic, specific, new IPAddress(agent), binds), enterprise, generic, specific, new IPAddress(agent), binds));

    public static byte[] EncodeV1(byte[] community, Oid enterprise, int generic, int specific, IPAddress agent, IReadOnlyList<VarBind> binds)
    {
        // BerWriter writes back to front: the last field first.
        var writer = new BerWriter();
        var end = writer.Length;
        var pduEnd = writer.Length;
        var listEnd = writer.Length;
        for (var i = binds.Count - 1; i >= 0; i--)
        {
            var bindEnd = writer.Length;
            PduCodec.WriteValue(writer, binds[i].Value);
            writer.WriteOid(binds[i].Oid);
            writer.Wrap(0x30, bindEnd);
        }

        writer.Wrap(0x30, listEnd);
        writer.WriteUnsigned(1234, (byte)SnmpType.TimeTicks);
        writer.WriteInteger(specific);
        writer.WriteInteger(generic);
        writer.WriteOctetString(agent.GetAddressBytes(), (byte)SnmpType.IpAddress);
        writer.WriteOid(enterprise);
        writer.Wrap(TrapDecoder.V1TrapTag, pduEnd);
        writer.WriteOctetString(community);
        writer.WriteInteger((int)SnmpVersion.V1);
        writer.Wrap(0x30, end);
        return writer.ToArray();
    }
}
