using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// The receive side: one recvmmsg call takes up to <see cref="Batch"/> datagrams with their sources and kernel
/// timestamps, where a recvfrom and an ioctl per datagram cost two system calls each. The buffers are native memory
/// allocated once, so nothing is allocated per datagram. The receiver waits in poll and reads under a lock, so the
/// sending thread can take what is queued itself before it declares echoes lost (<see cref="DrainQueued"/>): a
/// reply that arrived in time but was not read yet, the receiver being starved of CPU, is then never counted lost.
/// </summary>
internal sealed unsafe partial class IcmpSocket
{
    private const int Batch = 64;

    // An ICMP error quotes up to 576 bytes (IPv4) or 1,280 less headers (IPv6); a longer datagram is cut, which is
    // harmless: what we read is in its first bytes.
    private const int DatagramBytes = 1536;
    private const int NameBytes = 32; // sockaddr_in6 is 28.
    private const int ControlBytes = 64; // One SCM_TIMESTAMPNS takes 32.
    private const int SlotBytes = DatagramBytes + NameBytes + ControlBytes;
    private const int MsgDontWait = 0x40, PollIn = 1;

    private readonly Lock _receiveLock = new();
    private readonly MMsgHdr* _messages;
    private readonly IoVec* _vectors;
    private readonly byte* _slots;
    private readonly int _fd;
    private readonly bool _handleAdded;

    /// <summary>Reads and hands on every datagram queued now; called by the sending thread before it expires echoes.</summary>
    public void DrainQueued()
    {
        lock (_receiveLock)
        {
            while (!_closed && ReceiveQueued() == Batch)
            {
            }
        }
    }

    private static void AllocateBuffers(out MMsgHdr* messages, out IoVec* vectors, out byte* slots)
    {
        messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(MMsgHdr)));
        vectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(IoVec)));
        slots = (byte*)NativeMemory.AllocZeroed((nuint)(Batch * SlotBytes));
        for (var i = 0; i < Batch; i++)
        {
            var slot = slots + (i * SlotBytes);
            vectors[i] = new IoVec { Base = slot, Length = DatagramBytes };
            messages[i].Header = new MsgHdr { Name = slot + DatagramBytes, Iov = &vectors[i], IovLength = 1, Control = slot + DatagramBytes + NameBytes };
        }
    }

    private void FreeBuffers()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_slots);
    }

    private void ReceiveLoop()
    {
        try
        {
            while (!_closed)
            {
                int received;
                lock (_receiveLock)
                {
                    received = _closed ? 0 : ReceiveQueued();
                }

                if (received < Batch)
                {
                    // The queue is empty: sleep until the next datagram (or the shutdown in Dispose).
                    var poll = new PollFd { Fd = _fd, Events = PollIn };
                    Poll(&poll, 1, -1);
                }
            }
        }
        finally
        {
            if (_handleAdded)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>One non-blocking recvmmsg; hands each datagram on. Caller holds <see cref="_receiveLock"/>.</summary>
    /// <returns>How many datagrams were read; -1 when none was queued or the call failed.</returns>
    private int ReceiveQueued()
    {
        for (var i = 0; i < Batch; i++)
        {
            // The kernel writes back how much of each it used.
            _messages[i].Header.NameLength = NameBytes;
            _messages[i].Header.ControlLength = ControlBytes;
            _messages[i].Header.Flags = 0;
        }

        var received = RecvMmsg(_fd, _messages, Batch, MsgDontWait, 0);
        if (received <= 0)
        {
            return -1; // EAGAIN, or a transient error (e.g. ICMP-reported on some kernels): the socket stays usable.
        }

        var readAt = Stopwatch.GetTimestamp();
        for (var i = 0; i < received && !_closed; i++)
        {
            ref var message = ref _messages[i];
            var datagram = new ReadOnlySpan<byte>(_slots + (i * SlotBytes), (int)Math.Min(message.Length, DatagramBytes));
            var name = new ReadOnlySpan<byte>(message.Header.Name, (int)Math.Min(message.Header.NameLength, NameBytes));
            var control = new ReadOnlySpan<byte>(message.Header.Control, (int)Math.Min(message.Header.ControlLength, (nuint)ControlBytes));
            if (!SocketAddressBytes.TryRead(name, out var source, out var scopeId))
            {
                continue; // Zero-length wake-ups after shutdown have no source.
            }

            long? kernelTicks = ControlMessages.TryReadTimestamp(control, out var ticks) ? ticks : null;
            _onReceive(datagram, source, scopeId, new Arrival(readAt, kernelTicks));
        }

        return received;
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMmsg(int fd, MMsgHdr* messages, uint count, int flags, nint timeout);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    // struct msghdr and struct mmsghdr of 64-bit Linux (56 and 64 bytes with their padding).
    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
