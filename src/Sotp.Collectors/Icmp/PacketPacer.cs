using System.Diagnostics;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// A token bucket over all probes of the node: at most <c>packetsPerSecond</c> echo requests leave, with bursts of
/// up to a tenth of a second's worth, so a sweep of 10,000 hosts never floods a link or a firewall's ICMP limit.
/// Used by the engine's one sending thread only, so it takes no lock.
/// </summary>
internal sealed class PacketPacer(int packetsPerSecond)
{
    private readonly double _burst = Math.Max(1, packetsPerSecond / 10.0);
    private double _tokens = Math.Max(1, packetsPerSecond / 10.0);
    private long _refilledAt = Stopwatch.GetTimestamp();

    /// <summary>Takes a token if one is there at <paramref name="now"/>; else says when the next one will be.</summary>
    /// <param name="now">A Stopwatch timestamp.</param>
    /// <param name="readyAt">The Stopwatch timestamp of the next token when none is left.</param>
    public bool TryTake(long now, out long readyAt)
    {
        _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * packetsPerSecond));
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens--;
            readyAt = now;
            return true;
        }

        readyAt = now + (long)Math.Ceiling((1 - _tokens) / packetsPerSecond * Stopwatch.Frequency);
        return false;
    }
}
