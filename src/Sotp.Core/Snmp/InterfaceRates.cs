using Sotp.Core.Series;

namespace Sotp.Core.Snmp;

/// <summary>
/// Interface rates from two readings of a counter, through <see cref="CounterRate"/> (wrap of 32-bit counters,
/// reset of 64-bit ones). Bits per second are capped at the interface speed: up to <see cref="SpeedTolerance"/>
/// above it is clamped to the speed (our poll times and the agent's sampling differ a little), anything beyond is
/// not real (a counter reset, a re-indexed interface) and gives no value instead of a spike. A 32-bit counter on an
/// interface fast enough to wrap it more than once between two polls (1 Gb/s wraps it in 34 s) gives no value either:
/// one wrap and three look the same.
/// </summary>
public static class InterfaceRates
{
    public const double SpeedTolerance = 1.1;

    /// <summary>ifSpeed saturates at 4,294,967,295 (4.29 Gb/s); faster interfaces say their speed in ifHighSpeed (Mb/s). Zero means unknown.</summary>
    public static ulong? SpeedBps(ulong? ifSpeed, ulong? ifHighSpeedMbps)
    {
        if (ifHighSpeedMbps is > 0 && (ifSpeed is null or 0 or uint.MaxValue || ifHighSpeedMbps * 1_000_000 > ifSpeed))
        {
            return ifHighSpeedMbps * 1_000_000;
        }

        return ifSpeed is > 0 ? ifSpeed : null;
    }

    /// <summary>Bits per second from two octet counters; null when either is missing, their widths differ, or the rate cannot be real.</summary>
    public static double? BitsPerSecond(SnmpCounter? previous, DateTimeOffset previousAt, SnmpCounter? current, DateTimeOffset currentAt, ulong? speedBps)
    {
        var maxOctets = speedBps is > 0 ? speedBps.Value * SpeedTolerance / 8 : (double?)null;
        if (current is { Bits: 32 } && maxOctets * (currentAt - previousAt).TotalSeconds >= 1UL << 32)
        {
            return null;
        }

        if (PerSecond(previous, previousAt, current, currentAt, maxOctets) is not { } octets)
        {
            return null;
        }

        var bits = octets * 8;
        return speedBps is > 0 ? Math.Min(bits, speedBps.Value) : bits;
    }

    /// <summary>A per-second rate of any counter (errors, discards), with an optional ceiling.</summary>
    public static double? PerSecond(SnmpCounter? previous, DateTimeOffset previousAt, SnmpCounter? current, DateTimeOffset currentAt, double? maxPerSecond = null) =>
        previous is { } before && current is { } now && before.Bits == now.Bits
            ? CounterRate.PerSecond(before.Value, previousAt, now.Value, currentAt, now.Bits, maxPerSecond)
            : null;
}
