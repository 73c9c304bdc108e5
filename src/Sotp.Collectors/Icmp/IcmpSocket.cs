using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// One ICMP socket for one address family, shared by every probe: a raw socket when the process may open one
/// (root or CAP_NET_RAW), else an unprivileged ICMP datagram socket (Linux ping sockets, allowed by
/// net.ipv4.ping_group_range). A dedicated thread receives; each datagram carries the kernel's own time of arrival
/// (SIOCGSTAMPNS), so a burst of replies waiting in the socket buffer does not inflate their RTTs.
/// </summary>
internal sealed partial class IcmpSocket : IDisposable
{
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly Thread _receiver;
    private const nuint SiocGStampNs = 0x8907;
    private readonly Action<ReadOnlyMemory<byte>, IPAddress, Arrival> _onReceive;
    private volatile bool _closed;

    private IcmpSocket(Socket socket, bool raw, bool ipv6, Action<ReadOnlyMemory<byte>, IPAddress, Arrival> onReceive)
    {
        _socket = socket;
        Raw = raw;
        Ipv6 = ipv6;
        _onReceive = onReceive;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = ipv6 ? "icmp6-receive" : "icmp4-receive" };
        _receiver.Start();
    }

    /// <summary>True for a raw socket (we own the identifier); false for a datagram socket (the kernel sets it).</summary>
    public bool Raw { get; }

    public bool Ipv6 { get; }

    /// <summary>Called for every datagram with its source and time of arrival.</summary>
    public static IcmpSocket Open(AddressFamily family, Action<ReadOnlyMemory<byte>, IPAddress, Arrival> onReceive)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var protocol = ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        SocketException? refused = null;
        foreach (var (type, raw) in new[] { (SocketType.Raw, true), (SocketType.Dgram, false) })
        {
            try
            {
                var socket = new Socket(family, type, protocol);
                socket.ReceiveBufferSize = ReceiveBufferBytes;
                socket.SendBufferSize = ReceiveBufferBytes;
                socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
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

    /// <returns>False when the kernel refused the packet (no route, buffer full, socket closed).</returns>
    public bool TrySend(ReadOnlySpan<byte> packet, EndPoint target, out SocketError error)
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
        _socket.Dispose();
    }

    /// <summary>When the kernel took the last datagram in, as UTC ticks; null where the socket cannot say.</summary>
    private long? KernelArrivalTicks()
    {
        if (Ioctl(_socket.SafeHandle.DangerousGetHandle(), SiocGStampNs, out var stamp) != 0)
        {
            return null; // ENOENT for the very first datagram: the call itself switches time-stamping on.
        }

        return DateTime.UnixEpoch.Ticks + (stamp.Seconds * TimeSpan.TicksPerSecond) + (stamp.Nanoseconds / 100);
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(nint fd, nuint request, out Timespec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(Ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_closed)
        {
            try
            {
                var from = any;
                var received = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                var read = Stopwatch.GetTimestamp();
                _onReceive(buffer.AsMemory(0, received), ((IPEndPoint)from).Address, new Arrival(read, KernelArrivalTicks()));
            }
            catch (SocketException) when (_closed)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A transient receive error (e.g. ICMP-reported on some kernels): the socket stays usable.
            }
        }
    }
}

/// <param name="ReadAt">Stopwatch timestamp of when our thread read the datagram.</param>
/// <param name="KernelUtcTicks">When the kernel received it (UTC ticks), if it could say.</param>
internal readonly record struct Arrival(long ReadAt, long? KernelUtcTicks);
