using System.Buffers.Binary;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// Reads the source address that recvmsg/recvmmsg write as a Linux sockaddr_in (family 2, port, 4 address bytes) or
/// sockaddr_in6 (family 10, port, flow label, 16 address bytes, scope id), without allocating an IPAddress per
/// datagram. The family and scope id are in the machine's byte order (little-endian on x64 and arm64, the machines we run on),
/// the port and address in network order. Malformed input is refused.
/// </summary>
internal static class SocketAddressBytes
{
    public const int Ipv4Family = 2;
    public const int Ipv6Family = 10;
    public const int Ipv4Bytes = 16;
    public const int Ipv6Bytes = 28;

    /// <param name="address">4 or 16 bytes, a slice of <paramref name="sockaddr"/>.</param>
    /// <param name="scopeId">The IPv6 scope (interface) id; 0 for IPv4.</param>
    public static bool TryRead(ReadOnlySpan<byte> sockaddr, out ReadOnlySpan<byte> address, out uint scopeId)
    {
        address = default;
        scopeId = 0;
        if (sockaddr.Length < 2)
        {
            return false;
        }

        switch (BinaryPrimitives.ReadUInt16LittleEndian(sockaddr))
        {
            case Ipv4Family when sockaddr.Length >= 8:
                address = sockaddr.Slice(4, 4);
                return true;
            case Ipv6Family when sockaddr.Length >= 24:
                address = sockaddr.Slice(8, 16);
                scopeId = sockaddr.Length >= Ipv6Bytes ? BinaryPrimitives.ReadUInt32LittleEndian(sockaddr[24..]) : 0;
                return true;
            default:
                return false;
        }
    }
}
