using System.Net;
using CsCheck;
using Sotp.Collectors.Icmp;

namespace Sotp.Collectors.Tests.Icmp;

public sealed class IcmpPacketTests
{
    // An echo reply from 127.0.0.1 as a raw IPv4 socket delivers it: 20-byte IP header, then ICMP type 0.
    private static readonly byte[] RawReply = Convert.FromHexString(
        "4500001C00004000400100007F0000017F000001" + "0000F7FC00010002");

    [Fact]
    public void Checksum_MatchesRfc1071Example()
    {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, whose complement is 220d.
        Assert.Equal(0x220D, IcmpPacket.Checksum(Convert.FromHexString("0001F203F4F5F6F7")));
    }

    [Fact]
    public void RawIpv4Reply_IsReadPastItsIpHeader()
    {
        Assert.True(IcmpPacket.TryParse(RawReply, ipv6: false, withIpHeader: true, out var message));

        Assert.Equal((IcmpKind.EchoReply, (ushort)1, (ushort)2), (message!.Kind, message.Identifier, message.Sequence));
    }

    [Fact]
    public void HostUnreachable_QuotesOurRequest()
    {
        Span<byte> request = stackalloc byte[16];
        IcmpPacket.WriteEchoRequest(request, ipv6: false, identifier: 0xABCD, sequence: 7, "SOTPtest"u8);
        var quotedIp = Convert.FromHexString("4500002400004000400100000A0000010A000063"); // 10.0.0.1 → 10.0.0.99, protocol 1
        var error = new byte[] { 3, 1, 0, 0, 0, 0, 0, 0 }.Concat(quotedIp).Concat(request.ToArray()).ToArray();

        Assert.True(IcmpPacket.TryParse(error, ipv6: false, withIpHeader: false, out var message));

        Assert.Equal(IcmpKind.DestinationUnreachable, message!.Kind);
        Assert.Equal((ushort)0xABCD, message.Identifier);
        Assert.Equal((ushort)7, message.Sequence);
        Assert.Equal(IPAddress.Parse("10.0.0.99"), message.QuotedDestination);
        Assert.Equal("host unreachable", message.Describe());
    }

    [Fact]
    public void Ipv6TimeExceeded_QuotesOurRequest()
    {
        Span<byte> request = stackalloc byte[8];
        IcmpPacket.WriteEchoRequest(request, ipv6: true, identifier: 1, sequence: 2, []);
        var header = new byte[40];
        header[0] = 0x60;
        header[6] = 58;
        IPAddress.Parse("2001:db8::7").GetAddressBytes().CopyTo(header, 24);
        var error = new byte[] { 3, 0, 0, 0, 0, 0, 0, 0 }.Concat(header).Concat(request.ToArray()).ToArray();

        Assert.True(IcmpPacket.TryParse(error, ipv6: true, withIpHeader: false, out var message));

        Assert.Equal((IcmpKind.TimeExceeded, "TTL exceeded in transit"), (message!.Kind, message.Describe()));
        Assert.Equal(IPAddress.Parse("2001:db8::7"), message.QuotedDestination);
    }

    [Fact]
    public void EveryEchoRequest_CarriesAValidChecksum_AndReadsBack() =>
        Gen.Select(Gen.UShort, Gen.UShort, Gen.Byte.Array[0, 120]).Sample((identifier, sequence, payload) =>
        {
            var packet = new byte[IcmpPacket.HeaderBytes + payload.Length];
            IcmpPacket.WriteEchoRequest(packet, ipv6: false, identifier, sequence, payload);
            return IcmpPacket.Checksum(packet) == 0
                && IcmpPacket.TryParse(packet, ipv6: false, withIpHeader: false, out var message)
                && message!.Kind == IcmpKind.EchoRequest && message.Identifier == identifier && message.Sequence == sequence
                && message.Payload.AsSpan().SequenceEqual(payload);
        });

    [Fact]
    public void AnyBytes_NeverThrow() =>
        Gen.Select(Gen.Byte.Array[0, 200], Gen.Bool, Gen.Bool).Sample((bytes, ipv6, withIpHeader) =>
        {
            IcmpPacket.TryParse(bytes, ipv6, withIpHeader, out _);
        });

    [Fact]
    public void EveryTruncation_OfAnError_NeverThrows_AndIsRefusedBeforeTheQuotedHeaderIsWhole()
    {
        var quotedIp = Convert.FromHexString("4500002400004000400100000A0000010A000063");
        var error = new byte[] { 11, 0, 0, 0, 0, 0, 0, 0 }.Concat(quotedIp).Concat(new byte[] { 8, 0, 0, 0, 0, 1, 0, 1 }).ToArray();
        for (var length = 0; length < error.Length; length++)
        {
            Assert.False(IcmpPacket.TryParse(error.AsSpan(0, length), ipv6: false, withIpHeader: false, out _), $"length {length}");
        }

        Assert.True(IcmpPacket.TryParse(error, ipv6: false, withIpHeader: false, out _));
    }

    [Fact]
    public void Summary_ReportsMinAvgMaxJitterAndLoss()
    {
        var result = IcmpEngine.Summarise([new EchoOutcome(10, null), EchoOutcome.Lost, new EchoOutcome(14, null), new EchoOutcome(12, null)]);

        Assert.Equal((4, 3, 25.0), (result.Sent, result.Received, result.LossPercent));
        Assert.Equal((10.0, 12.0, 14.0, 3.0), (result.RttMinMs!.Value, result.RttAvgMs!.Value, result.RttMaxMs!.Value, result.JitterMs!.Value));
    }

    [Fact]
    public void Summary_OfAnUnreachableHost_KeepsTheError()
    {
        var result = IcmpEngine.Summarise([new EchoOutcome(null, "host unreachable (from 10.0.0.1)"), EchoOutcome.Lost]);

        Assert.Equal((false, "host unreachable (from 10.0.0.1)"), (result.Answered, result.Describe()));
    }
}
