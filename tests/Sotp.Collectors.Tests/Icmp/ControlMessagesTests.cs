using CsCheck;
using Sotp.Collectors.Icmp;

namespace Sotp.Collectors.Tests.Icmp;

/// <summary>The parser of the control messages recvmmsg hands back: it reads what the kernel writes and never throws.</summary>
public sealed class ControlMessagesTests
{
    // Other control messages a socket may carry (IP_PKTINFO, IP_TTL, IPV6_HOPLIMIT, ...): never (SOL_SOCKET, 35).
    private static readonly Gen<(int Level, int Type, byte[] Data)> OtherMessage =
        Gen.Select(Gen.Int[0, 300], Gen.Int[0, 80], Gen.Byte.Array[0, 24])
            .Where(m => (m.Item1, m.Item2) != (ControlMessages.SocketLevel, ControlMessages.TimestampNs));

    private static readonly Gen<(long Seconds, long Nanoseconds)> Timestamp = Gen.Select(Gen.Long[0, 10_000_000_000], Gen.Long[0, 999_999_999]);

    private static byte[] Timespec(long seconds, long nanoseconds) =>
        [.. BitConverter.GetBytes(seconds), .. BitConverter.GetBytes(nanoseconds)];

    private static byte[] Build(IEnumerable<(int Level, int Type, byte[] Data)> messages)
    {
        var buffer = new byte[1024];
        var length = 0;
        foreach (var (level, type, data) in messages)
        {
            length += ControlMessages.Write(buffer.AsSpan(length), level, type, data);
        }

        return buffer[..length];
    }

    [Fact]
    public void ATimestamp_AmongOtherMessages_ReadsBackToTheTick() =>
        Gen.Select(Timestamp, OtherMessage.List[0, 4], OtherMessage.List[0, 4]).Sample((stamp, before, after) =>
        {
            var control = Build([.. before, (ControlMessages.SocketLevel, ControlMessages.TimestampNs, Timespec(stamp.Seconds, stamp.Nanoseconds)), .. after]);
            var expected = DateTime.UnixEpoch.AddSeconds(stamp.Seconds).Ticks + (stamp.Nanoseconds / 100);

            return ControlMessages.TryReadTimestamp(control, out var ticks) && ticks == expected;
        });

    [Fact]
    public void WithoutATimestamp_NothingIsRead() =>
        OtherMessage.List[0, 6].Sample(messages => !ControlMessages.TryReadTimestamp(Build(messages), out _));

    [Fact]
    public void EveryTruncation_IsRefusedUntilTheTimestampIsWhole() =>
        Gen.Select(Timestamp, OtherMessage.List[0, 3]).Sample((stamp, before) =>
        {
            var control = Build([.. before, (ControlMessages.SocketLevel, ControlMessages.TimestampNs, Timespec(stamp.Seconds, stamp.Nanoseconds))]);
            for (var length = 0; length < control.Length; length++)
            {
                if (ControlMessages.TryReadTimestamp(control.AsSpan(0, length), out _))
                {
                    return false;
                }
            }

            return ControlMessages.TryReadTimestamp(control, out _);
        });

    [Fact]
    public void AnyBytes_NeverThrow() =>
        Gen.Byte.Array[0, 160].Sample(bytes =>
        {
            ControlMessages.TryReadTimestamp(bytes, out _);
        });

    [Fact]
    public void ALengthPastTheEndOrShorterThanAHeader_IsRefused()
    {
        var control = Build([(ControlMessages.SocketLevel, ControlMessages.TimestampNs, Timespec(1, 2))]);
        foreach (var length in new ulong[] { 0, 15, (ulong)control.Length + 1, ulong.MaxValue })
        {
            BitConverter.TryWriteBytes(control, length);
            Assert.False(ControlMessages.TryReadTimestamp(control, out _), $"length {length}");
        }
    }

    [Fact]
    public void ATimeOutsideWhatDateTimeHolds_IsRefused()
    {
        Assert.False(ControlMessages.TryReadTimestamp(Build([(ControlMessages.SocketLevel, ControlMessages.TimestampNs, Timespec(-1, 0))]), out _));
        Assert.False(ControlMessages.TryReadTimestamp(Build([(ControlMessages.SocketLevel, ControlMessages.TimestampNs, Timespec(long.MaxValue, 0))]), out _));
        Assert.False(ControlMessages.TryReadTimestamp(Build([(ControlMessages.SocketLevel, ControlMessages.TimestampNs, Timespec(1, 1_000_000_000))]), out _));
    }
}
