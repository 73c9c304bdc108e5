using System.Net;
using System.Net.Sockets;
using CsCheck;
using Sotp.Collectors.Icmp;

namespace Sotp.Collectors.Tests.Icmp;

/// <summary>The reader of the sockaddr recvmmsg writes: .NET's own serialisation is the platform's layout, so it is the oracle.</summary>
public sealed class SocketAddressBytesTests
{
    private static readonly Gen<IPAddress> Address = Gen.OneOf(
        Gen.Byte.Array[4].Select(bytes => new IPAddress(bytes)),
        Gen.Select(Gen.Byte.Array[16], Gen.UInt[0, 1000]).Select((bytes, scope) => new IPAddress(bytes, scope)));

    private static ReadOnlySpan<byte> Sockaddr(IPAddress address, int port)
    {
        var serialised = new IPEndPoint(address, port).Serialize();
        return serialised.Buffer.Span[..serialised.Size];
    }

    [Fact]
    public void EveryAddress_ReadsBackWithItsScope() =>
        Gen.Select(Address, Gen.Int[0, 65535]).Sample((address, port) =>
            SocketAddressBytes.TryRead(Sockaddr(address, port), out var bytes, out var scopeId)
            && bytes.SequenceEqual(address.GetAddressBytes())
            && scopeId == (address.AddressFamily == AddressFamily.InterNetworkV6 ? address.ScopeId : 0));

    [Fact]
    public void EveryTruncation_ShorterThanTheAddress_IsRefused() =>
        Address.Sample(address =>
        {
            var sockaddr = Sockaddr(address, 0).ToArray();
            var needed = address.AddressFamily == AddressFamily.InterNetwork ? 8 : 24;
            return Enumerable.Range(0, needed).All(length => !SocketAddressBytes.TryRead(sockaddr.AsSpan(0, length), out _, out _));
        });

    [Fact]
    public void AnyBytes_NeverThrow_AndAnOtherFamilyIsRefused() =>
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            var read = SocketAddressBytes.TryRead(bytes, out _, out _);
            return !read || BitConverter.ToUInt16(bytes) is SocketAddressBytes.Ipv4Family or SocketAddressBytes.Ipv6Family;
        });
}
