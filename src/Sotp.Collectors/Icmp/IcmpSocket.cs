using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sotp.Collectors.Icmp;

/// <summary>Called for every datagram a socket receives: the ICMP bytes, the sender's 4 or 16 address bytes and scope id.</summary>
internal delegate void DatagramHandler(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> source, uint sourceScopeId, Arrival arrival);

/// <summary>
/// One ICMP socket for one address family, shared by every probe: a raw socket when the process may open one
/// (root or CAP_NET_RAW), else an unprivileged ICMP datagram socket (Linux ping sockets, allowed by
/// net.ipv4.ping_group_range). A dedicated thread receives (see IcmpSocket.Receive.cs); each datagram carries the
/// kernel's own time of arrival, so a burst of replies waiting in the socket buffer does not inflate their RTTs.
/// </summary>
internal sealed partial class IcmpSocket : IDisposable
{
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;
    private const int SocketLevel = 1, SoTimestampNs = 35;

    private readonly Socket _socket;
    private readonly Thread _receiver;
    private readonly DatagramHandler _onReceive;
    private volatile bool _closed;

    private unsafe IcmpSocket(Socket socket, bool raw, bool ipv6, DatagramHandler onReceive)
    {
        _socket = socket;
        Raw = raw;
        Ipv6 = ipv6;
        _onReceive = onReceive;
        // Held for the socket's life, so closing it cannot hand its descriptor number to another file while we use it.
        socket.SafeHandle.DangerousAddRef(ref _handleAdded);
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        AllocateBuffers(out _messages, out _vectors, out _slots);
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = ipv6 ? "icmp6-receive" : "icmp4-receive" };
        _receiver.Start();
    }

    /// <summary>True for a raw socket (we own the identifier); false for a datagram socket (the kernel sets it).</summary>
    public bool Raw { get; }

    public bool Ipv6 { get; }

    /// <param name="rawAllowed">False: a datagram socket even where a raw one may be opened.</param>
    public static IcmpSocket Open(AddressFamily family, bool rawAllowed, DatagramHandler onReceive)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var protocol = ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        SocketException? refused = null;
        foreach (var (type, raw) in new[] { (SocketType.Raw, true), (SocketType.Dgram, false) })
        {
            if (raw && !rawAllowed)
            {
                continue;
            }

            try
            {
                var socket = new Socket(family, type, protocol);
                socket.ReceiveBufferSize = ReceiveBufferBytes;
                socket.SendBufferSize = ReceiveBufferBytes;
                socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
                // Every datagram then comes with the kernel's arrival time as a control message, read in the same
                // system call as the datagram itself.
                socket.SetRawSocketOption(SocketLevel, SoTimestampNs, BitConverter.GetBytes(1));
                if (raw)
                {
                    LetInOnlyRepliesAndErrors(socket, ipv6);
                }

                return new IcmpSocket(socket, raw, ipv6, onReceive);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AccessDenied or SocketError.ProtocolNotSupported or SocketError.AddressFamilyNotSupported
                or SocketError.SocketNotSupported or SocketError.ProtocolType)
            {
                refused = ex;
            }
        }

        throw refused?.SocketErrorCode == SocketError.AddressFamilyNotSupported
            ? new NotSupportedException($"This host has no {(ipv6 ? "IPv6" : "IPv4")}.", refused)
            : new IcmpPermissionException(ipv6 ? "IPv6" : "IPv4", refused);
    }

    /// <summary>
    /// A raw socket gets a copy of every ICMP message the host receives: our own requests on loopback, neighbour
    /// discovery, other programs' traffic. The kernel's per-socket type filter keeps out all but echo replies,
    /// unreachables and time-exceeded, so we never spend a wake-up on the rest.
    /// </summary>
    private static void LetInOnlyRepliesAndErrors(Socket socket, bool ipv6)
    {
        if (ipv6)
        {
            // ICMP6_FILTER (level IPPROTO_ICMPV6, option 1): 256 bits, a set bit blocks that type.
            var blocked = new uint[8];
            Array.Fill(blocked, uint.MaxValue);
            foreach (var type in new[] { 1, 3, 129 })
            {
                blocked[type >> 5] &= ~(1u << (type & 31));
            }

            socket.SetRawSocketOption(58, 1, MemoryMarshal.AsBytes(blocked.AsSpan()));
        }
        else
        {
            // ICMP_FILTER (level SOL_RAW, option 1): 32 bits for types 0-31, a set bit blocks that type.
            var blocked = ~((1u << 0) | (1u << 3) | (1u << 11));
            socket.SetRawSocketOption(255, 1, BitConverter.GetBytes(blocked));
        }
    }

    /// <param name="target">Serialised once per probe: an EndPoint would be serialised (and allocated) per packet.</param>
    /// <returns>False when the kernel refused the packet (no route, buffer full, socket closed).</returns>
    public bool TrySend(ReadOnlySpan<byte> packet, SocketAddress target, out SocketError error)
    {
        try
        {
            _socket.SendTo(packet, SocketFlags.None, target);
            error = SocketError.Success;
            return true;
        }
        catch (SocketException ex)
        {
            error = ex.SocketErrorCode;
            return false;
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.Shutdown;
            return false;
        }
    }

    public void Dispose()
    {
        _closed = true;
        try
        {
            // Wakes the receiver waiting in poll (closing the descriptor alone would not); on a socket that was
            // never connected the kernel still applies it and only answers ENOTCONN.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        if (_receiver.Join(TimeSpan.FromSeconds(1)))
        {
            FreeBuffers(); // Else the receiver may still touch them: leaking 100 KB beats a crash.
        }

        _socket.Dispose();
    }
}

/// <param name="ReadAt">Stopwatch timestamp of when our thread read the datagram.</param>
/// <param name="KernelUtcTicks">When the kernel received it (UTC ticks), if it could say.</param>
internal readonly record struct Arrival(long ReadAt, long? KernelUtcTicks);
