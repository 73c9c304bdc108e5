using System.Buffers.Binary;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// Builds echo requests and reads whatever ICMP comes back, for IPv4 and IPv6. Pure functions over bytes: the
/// parser never throws, it answers false for anything it cannot use (truncated, not ICMP, not for a pinger).
/// </summary>
public static class IcmpPacket
{
    public const int HeaderBytes = 8;
    private const byte EchoRequestV4 = 8, EchoReplyV4 = 0, UnreachableV4 = 3, TimeExceededV4 = 11;
    private const byte EchoRequestV6 = 128, EchoReplyV6 = 129, UnreachableV6 = 1, TimeExceededV6 = 3;
    private const int Ipv6HeaderBytes = 40;

    /// <summary>Writes an echo request into <paramref name="destination"/> and returns its length.</summary>
    /// <param name="ipv6">ICMPv6: the kernel fills in the checksum (it covers a pseudo-header only it knows).</param>
    public static int WriteEchoRequest(Span<byte> destination, bool ipv6, ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var length = HeaderBytes + payload.Length;
        destination[0] = ipv6 ? EchoRequestV6 : EchoRequestV4;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], sequence);
        payload.CopyTo(destination[HeaderBytes..]);
        if (!ipv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Checksum(destination[..length]));
        }

        return length;
    }

    /// <summary>The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>
    /// Reads a received datagram. An IPv4 raw socket delivers the IP header first (<paramref name="withIpHeader"/>);
    /// IPv6 raw and all datagram sockets deliver the ICMP message alone.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, bool ipv6, bool withIpHeader, out IcmpMessage? message)
    {
        message = TryRead(datagram, ipv6, withIpHeader, out var view) ? view.ToMessage() : null;
        return message is not null;
    }

    /// <summary>As <see cref="TryParse"/>, as a view over the datagram: the engine reads every reply without copying it.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> datagram, bool ipv6, bool withIpHeader, out IcmpView message)
    {
        message = default;
        var icmp = datagram;
        if (withIpHeader && !TrySkipIpv4Header(datagram, out icmp))
        {
            return false;
        }

        if (icmp.Length < HeaderBytes)
        {
            return false;
        }

        var type = icmp[0];
        var code = icmp[1];
        var kind = Classify(type, ipv6);
        if (kind is IcmpKind.EchoReply or IcmpKind.EchoRequest)
        {
            message = new IcmpView(kind, type, code, BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]), BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]),
                icmp[HeaderBytes..], default);
            return true;
        }

        if (kind is IcmpKind.DestinationUnreachable or IcmpKind.TimeExceeded)
        {
            return TryReadQuoted(icmp[HeaderBytes..], ipv6, kind, type, code, out message);
        }

        message = new IcmpView(IcmpKind.Other, type, code, 0, 0, default, default);
        return true;
    }

    // An error quotes the packet that caused it: its IP header, then at least the first 8 bytes of our echo request.
    private static bool TryReadQuoted(ReadOnlySpan<byte> quoted, bool ipv6, IcmpKind kind, byte type, byte code, out IcmpView message)
    {
        message = default;
        ReadOnlySpan<byte> destination;
        ReadOnlySpan<byte> inner;
        if (ipv6)
        {
            if (quoted.Length < Ipv6HeaderBytes + HeaderBytes || quoted[0] >> 4 != 6 || quoted[6] != 58)
            {
                return false; // Not IPv6, or the quoted packet is not ICMPv6 (no extension headers in what we send).
            }

            destination = quoted.Slice(24, 16);
            inner = quoted[Ipv6HeaderBytes..];
        }
        else
        {
            if (!TrySkipIpv4Header(quoted, out inner) || inner.Length < HeaderBytes || quoted[9] != 1)
            {
                return false;
            }

            destination = quoted.Slice(16, 4);
        }

        if (inner[0] != (ipv6 ? EchoRequestV6 : EchoRequestV4))
        {
            return false; // An error about something else than a ping.
        }

        message = new IcmpView(kind, type, code, BinaryPrimitives.ReadUInt16BigEndian(inner[4..]), BinaryPrimitives.ReadUInt16BigEndian(inner[6..]),
            inner[HeaderBytes..], destination);
        return true;
    }

    private static bool TrySkipIpv4Header(ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> rest)
    {
        rest = default;
        if (packet.Length < 20 || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < 20 || packet.Length < headerLength)
        {
            return false;
        }

        rest = packet[headerLength..];
        return true;
    }

    private static IcmpKind Classify(byte type, bool ipv6) => (ipv6, type) switch
    {
        (false, EchoReplyV4) or (true, EchoReplyV6) => IcmpKind.EchoReply,
        (false, EchoRequestV4) or (true, EchoRequestV6) => IcmpKind.EchoRequest,
        (false, UnreachableV4) or (true, UnreachableV6) => IcmpKind.DestinationUnreachable,
        (false, TimeExceededV4) or (true, TimeExceededV6) => IcmpKind.TimeExceeded,
        _ => IcmpKind.Other,
    };
}
