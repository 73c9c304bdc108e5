using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sotp.Core.Discovery;

/// <summary>An IPv4 block in CIDR form (<c>192.0.2.0/24</c>); host bits in the address are cleared.</summary>
public sealed record Ipv4Block(uint Network, int PrefixLength)
{
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>Four dotted octets, a slash and a prefix length 0..32; anything else (IPv6, "10.1/8", a host name) is false.</summary>
    public static bool TryParse(string? text, out Ipv4Block block)
    {
        block = new Ipv4Block(0, 32);
        var parts = text?.Trim().Split('/');
        if (parts is not { Length: 2 } || parts[0].Count(c => c == '.') != 3 ||
            !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return false;
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        block = new Ipv4Block(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()) & mask, prefix);
        return true;
    }

    /// <summary>How many addresses <see cref="Hosts"/> gives.</summary>
    public long HostCount() => PrefixLength <= 30 ? Size - 2 : Size;

    /// <summary>The addresses a host can have: without the network and broadcast addresses, except in /31 and /32 (RFC 3021).</summary>
    public IEnumerable<IPAddress> Hosts()
    {
        var first = PrefixLength <= 30 ? 1L : 0L;
        for (var offset = first; offset < first + HostCount(); offset++)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)(Network + offset));
            yield return new IPAddress(bytes);
        }
    }

    public override string ToString()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Network);
        return $"{new IPAddress(bytes)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
    }
}
