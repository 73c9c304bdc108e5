using CsCheck;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>Generators of valid SNMP values and messages for the property tests.</summary>
internal static class SnmpGen
{
    public static readonly Gen<Oid> Oid =
        Gen.Select(Gen.UInt[0, 2], Gen.UInt, Gen.UInt.Array[0, 20], (first, second, rest) =>
            new Oid([first, first == 2 ? second : second % 40, .. rest]));

    public static readonly Gen<SnmpValue> Value = Gen.OneOf(
        Gen.Int.Select(SnmpValue.Integer32),
        Gen.Byte.Array[0, 300].Select(bytes => SnmpValue.OctetString(bytes)),
        Gen.Const(SnmpValue.Null),
        Oid.Select(SnmpValue.ObjectIdentifier),
        Gen.Byte.Array[4].Select(bytes => SnmpValue.IpAddress(new System.Net.IPAddress(bytes))),
        Gen.UInt.Select(SnmpValue.Counter32),
        Gen.UInt.Select(SnmpValue.Gauge32),
        Gen.UInt.Select(SnmpValue.TimeTicks),
        Gen.ULong.Select(SnmpValue.Counter64),
        Gen.Byte.Array[0, 20].Select(bytes => SnmpValue.Opaque(bytes)),
        Gen.Const(SnmpValue.NoSuchObject),
        Gen.Const(SnmpValue.NoSuchInstance),
        Gen.Const(SnmpValue.EndOfMibView));

    public static readonly Gen<Pdu> Pdu =
        Gen.Select(Gen.Enum<PduType>(), Gen.Int, Gen.Int, Gen.Int, Gen.Select(Oid, Value, (oid, value) => new VarBind(oid, value)).Array[0, 12],
            (type, id, second, third, binds) => new Pdu(type, id, second, third, binds));

    public static readonly Gen<CommunityMessage> CommunityMessage =
        Gen.Select(Gen.OneOf(Gen.Const(SnmpVersion.V1), Gen.Const(SnmpVersion.V2c)), Gen.Byte.Array[0, 32], Pdu,
            (version, community, pdu) => new CommunityMessage(version, community, pdu));

    public static readonly Gen<UsmSecurityParameters> Security =
        Gen.Select(Gen.Byte.Array[0, 32], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Byte.Array[0, 32], Gen.Byte.Array[0, 48], Gen.Byte.Array[0, 8],
            (engine, boots, time, user, mac, salt) => new UsmSecurityParameters(engine, boots, time, user, mac, salt));

    public static readonly Gen<V3Message> V3Message =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[484, int.MaxValue], Gen.Byte[0, 7], Security,
            Gen.Select(Gen.Byte.Array[0, 16], Gen.Byte.Array[0, 16], Pdu, (engine, context, pdu) => new ScopedPdu(engine, context, pdu)),
            Gen.Byte.Array[0, 200], Gen.Bool,
            (id, maxSize, flags, security, scopedPdu, encrypted, plain) =>
                new V3Message(id, maxSize, (V3Flags)flags, security, plain ? scopedPdu : null, plain ? null : encrypted));
}
