using CsCheck;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Collectors.Snmp.Traps;

namespace Sotp.Collectors.Tests.Snmp.Traps;

/// <summary>The trap decoder reads what senders send, and never throws on what anyone else might send.</summary>
public class TrapDecoderPropertyTests
{
    [Fact]
    public void EveryV2Notification_DecodesToItsTrapOid_RequestIdAndVarBinds() =>
        TrapGen.V2.Sample(sent =>
        {
            Assert.True(TrapDecoder.TryDecode(sent.Bytes, out var trap, out var error), error);
            return trap.TrapOid == sent.TrapOid && trap.RequestId == sent.RequestId && trap.IsInform == sent.Inform &&
                   trap.VarBinds.SequenceEqual(sent.Others.Where(b => b.Oid != Mib.SysUpTime && b.Oid != TrapOids.SnmpTrapOid));
        });

    [Fact]
    public void EveryV1Trap_DecodesToTheRfc3584TrapOid_AndItsAgentAddress() =>
        TrapGen.V1.Sample(sent =>
        {
            Assert.True(TrapDecoder.TryDecode(sent.Bytes, out var trap, out var error), error);
            var expected = sent.Generic < 6 ? TrapOids.SnmpTraps.Append((uint)sent.Generic + 1) : sent.Enterprise.Append(0, (uint)sent.Specific);
            return trap.TrapOid == expected && trap.AgentAddress!.Equals(sent.Agent) && trap.RequestId is null && trap.VarBinds.SequenceEqual(sent.Binds);
        });

    [Fact]
    public void AnInformsResponse_IsAResponseWithTheSameRequestIdAndVarBinds() =>
        TrapGen.V2.Where(sent => sent.Inform).Sample(sent =>
        {
            var received = SnmpMessage.DecodeCommunity(sent.Bytes);
            Assert.True(TrapDecoder.TryDecode(sent.Bytes, out var trap, out _));
            var answer = SnmpMessage.DecodeCommunity(trap.InformResponse());
            return answer.Pdu.Type == PduType.Response && answer.Pdu.RequestId == received.Pdu.RequestId && answer.Pdu.ErrorStatusOrNonRepeaters == 0 &&
                   answer.Pdu.VarBinds.SequenceEqual(received.Pdu.VarBinds) && answer.Community.AsSpan().SequenceEqual(received.Community);
        });

    [Fact]
    public void RandomBytes_AreRefusedWithoutThrowing() =>
        Gen.Byte.Array[0, 400].Sample(NeverThrows);

    [Fact]
    public void TruncatedNotifications_AreRefusedWithoutThrowing() =>
        Gen.Select(TrapGen.V1, TrapGen.V2, Gen.Double[0, 1]).Sample((v1, v2, cut) =>
            NeverThrows(v1.Bytes[..(int)(v1.Bytes.Length * cut)]) && NeverThrows(v2.Bytes[..(int)(v2.Bytes.Length * cut)]));

    [Fact]
    public void NotificationsWithOneByteChanged_OrNoiseBehind_NeverThrow() =>
        Gen.Select(TrapGen.V1, TrapGen.V2, Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Byte.Array[0, 40]).Sample((v1, v2, at, value, noise) =>
        {
            var first = v1.Bytes.ToArray();
            first[at % first.Length] = value;
            var second = v2.Bytes.ToArray();
            second[at % second.Length] = value;
            return NeverThrows(first) && NeverThrows(second) && NeverThrows([.. v1.Bytes[..(at % v1.Bytes.Length)], .. noise]) &&
                   NeverThrows([.. v2.Bytes[..(at % v2.Bytes.Length)], .. noise]);
        });

    [Fact]
    public void OtherPdus_AndV3Messages_AreNotTraps() =>
        Gen.Select(SnmpGen.CommunityMessage, SnmpGen.V3Message).Sample((community, v3) =>
            (TrapDecoder.TryDecode(community.Encode(), out _, out _) ? community.Pdu.Type is PduType.SnmpV2Trap or PduType.InformRequest : true) &&
            !TrapDecoder.TryDecode(v3.Encode(out _), out _, out _));

    private static bool NeverThrows(byte[] bytes)
    {
        var decoded = TrapDecoder.TryDecode(bytes, out var trap, out var error);
        return decoded ? trap is not null : error is not null;
    }
}
