using System.Buffers.Binary;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// Reads the ancillary data (control messages) that recvmsg/recvmmsg hand back next to a datagram, as Linux lays
/// them out on 64-bit machines: each a header of length (8 bytes), level (4) and type (4), then its data, the next one
/// starting at the length rounded up to 8. A pure function over bytes: anything malformed is refused, never thrown.
/// </summary>
internal static class ControlMessages
{
    /// <summary>SOL_SOCKET: the level of the receive timestamps.</summary>
    public const int SocketLevel = 1;

    /// <summary>SCM_TIMESTAMPNS (= SO_TIMESTAMPNS_OLD): a struct timespec of two 64-bit fields, wall-clock time.</summary>
    public const int TimestampNs = 35;

    public const int HeaderBytes = 16;
    private const int TimespecBytes = 16;

    /// <summary>The kernel's receive time from an SCM_TIMESTAMPNS message, as UTC ticks (100 ns since 0001-01-01).</summary>
    public static bool TryReadTimestamp(ReadOnlySpan<byte> control, out long utcTicks)
    {
        utcTicks = 0;
        while (control.Length >= HeaderBytes)
        {
            var length = BinaryPrimitives.ReadUInt64LittleEndian(control);
            if (length < HeaderBytes || length > (ulong)control.Length)
            {
                return false; // A length the kernel would never write: nothing after it can be trusted.
            }

            var level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            if (level == SocketLevel && type == TimestampNs && length >= HeaderBytes + TimespecBytes)
            {
                var seconds = BinaryPrimitives.ReadInt64LittleEndian(control[HeaderBytes..]);
                var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(control[(HeaderBytes + 8)..]);
                var maxSeconds = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
                if (seconds < 0 || seconds >= maxSeconds || nanoseconds is < 0 or >= 1_000_000_000)
                {
                    return false;
                }

                utcTicks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
                return true;
            }

            var next = (length + 7) & ~7UL;
            if (next >= (ulong)control.Length)
            {
                return false;
            }

            control = control[(int)next..];
        }

        return false;
    }

    /// <summary>Writes one control message as the kernel would (header, data, padding to 8) and returns its length.</summary>
    public static int Write(Span<byte> destination, int level, int type, ReadOnlySpan<byte> data)
    {
        var length = HeaderBytes + data.Length;
        var padded = (length + 7) & ~7;
        destination[..padded].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], level);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], type);
        data.CopyTo(destination[HeaderBytes..]);
        return padded;
    }
}
