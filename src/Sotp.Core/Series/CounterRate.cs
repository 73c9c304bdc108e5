namespace Sotp.Core.Series;

/// <summary>
/// Per-second rate of a counter (SNMP ifInOctets and the like) from two readings, in one place for every collector.
/// A 32-bit counter that went down wrapped once, if the wrapped rate is possible; a 64-bit counter that went down
/// was reset (it cannot wrap in the life of a device). A reset, a reboot or a rate above <c>maxPerSecond</c>
/// (the interface speed) gives no rate rather than an impossible spike on a chart.
/// </summary>
public static class CounterRate
{
    /// <param name="bits">32 or 64.</param>
    /// <param name="maxPerSecond">The highest rate that can be real (e.g. ifSpeed / 8 for octets); null when unknown.</param>
    /// <returns>The rate per second, or null when none can be trusted.</returns>
    public static double? PerSecond(ulong previous, DateTimeOffset previousAt, ulong current, DateTimeOffset currentAt, int bits, double? maxPerSecond)
    {
        if (bits is not (32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Counters are 32 or 64 bits.");
        }

        var seconds = (currentAt - previousAt).TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        double delta;
        if (current >= previous)
        {
            delta = current - previous;
        }
        else if (bits == 32 && previous <= uint.MaxValue && current <= uint.MaxValue)
        {
            delta = (double)(uint.MaxValue - previous) + current + 1;
        }
        else
        {
            return null; // A 64-bit counter going down was reset.
        }

        var rate = delta / seconds;
        return maxPerSecond is { } max && rate > max ? null : rate;
    }
}
