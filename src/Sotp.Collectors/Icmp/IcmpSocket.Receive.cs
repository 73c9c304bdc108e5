using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// The receive side: one recvmmsg call takes up to <see cref="Batch"/> datagrams with their sources and kernel
/// timestamps, where a recvfrom and an ioctl per datagram cost two system calls each. The buffers are native memory
/// allocated once, so nothing is allocated per datagram.
/// </summary>
internal sealed unsafe partial class IcmpSocket
{
    private const int Batch = 64;

    // An ICMP error quotes up to 576 bytes (IPv4) or 1,280 less headers (IPv6); a longer datagram is cut, which is
    // harmless: what we read is in its first bytes.
    private const int DatagramBytes = 1536;
    private const int NameBytes = 32; // sockaddr_in6 is 28.
    private const int ControlBytes = 64; // One SCM_TIMESTAMPNS takes 32.
    private const int MsgWaitForOne = 0x10000, EAgain = 11, PollIn = 1;

    private void ReceiveLoop()
    {
        var handle = _socket.SafeHandle;
        var added = false;
        var slotBytes = DatagramBytes + NameBytes + ControlBytes;
        var messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(MMsgHdr)));
        var vectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(IoVec)));
        var slots = (byte*)NativeMemory.AllocZeroed((nuint)(Batch * slotBytes));
        try
        {
            // Held while we use the raw descriptor, so closing the socket cannot hand its number to another file.
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            for (var i = 0; i < Batch; i++)
            {
                var slot = slots + (i * slotBytes);
                vectors[i] = new IoVec { Base = slot, Length = DatagramBytes };
                messages[i].Header = new MsgHdr { Name = slot + DatagramBytes, Iov = &vectors[i], IovLength = 1, Control = slot + DatagramBytes + NameBytes };
            }

            while (!_closed)
            {
                for (var i = 0; i < Batch; i++)
                {
                    // The kernel writes back how much of each it used.
                    messages[i].Header.NameLength = NameBytes;
                    messages[i].Header.ControlLength = ControlBytes;
                    messages[i].Header.Flags = 0;
                }

                // Blocks for the first datagram, then takes whatever else is already queued.
                var received = RecvMmsg(fd, messages, Batch, MsgWaitForOne, 0);
                if (received < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EAgain)
                    {
                        var poll = new PollFd { Fd = fd, Events = PollIn };
                        Poll(&poll, 1, 1000); // Only if the runtime made the descriptor non-blocking.
                    }

                    continue; // EINTR, or a transient error (e.g. ICMP-reported on some kernels): the socket stays usable.
                }

                var readAt = Stopwatch.GetTimestamp();
                for (var i = 0; i < received && !_closed; i++)
                {
                    ref var message = ref messages[i];
                    var slot = slots + (i * slotBytes);
                    var datagram = new ReadOnlySpan<byte>(slot, (int)Math.Min(message.Length, DatagramBytes));
                    var name = new ReadOnlySpan<byte>(message.Header.Name, (int)Math.Min(message.Header.NameLength, NameBytes));
                    var control = new ReadOnlySpan<byte>(message.Header.Control, (int)Math.Min(message.Header.ControlLength, (nuint)ControlBytes));
                    if (!SocketAddressBytes.TryRead(name, out var source, out var scopeId))
                    {
                        continue; // Zero-length wake-ups after shutdown have no source.
                    }

                    long? kernelTicks = ControlMessages.TryReadTimestamp(control, out var ticks) ? ticks : null;
                    _onReceive(datagram, source, scopeId, new Arrival(readAt, kernelTicks));
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed before the loop began.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }

            NativeMemory.Free(messages);
            NativeMemory.Free(vectors);
            NativeMemory.Free(slots);
        }
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
