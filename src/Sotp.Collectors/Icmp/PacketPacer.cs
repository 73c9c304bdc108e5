using System.Diagnostics;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// A token bucket over all probes of the node: at most <c>packetsPerSecond</c> echo requests leave, with bursts of
/// up to a tenth of a second's worth, so a sweep of 10,000 hosts never floods a link or a firewall's ICMP limit.
/// </summary>
internal sealed class PacketPacer(int packetsPerSecond)
{
    private readonly Lock _lock = new();
    private readonly double _burst = Math.Max(1, packetsPerSecond / 10.0);
    private double _tokens = Math.Max(1, packetsPerSecond / 10.0);
    private long _refilledAt = Stopwatch.GetTimestamp();

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_burst, _tokens + Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * packetsPerSecond);
                _refilledAt = now;
                if (_tokens >= 1)
                {
                    _tokens--;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / packetsPerSecond);
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
