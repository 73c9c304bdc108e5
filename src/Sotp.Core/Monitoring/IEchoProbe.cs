using System.Net;

namespace Sotp.Core.Monitoring;

/// <summary>
/// Sends ICMP echo requests to one address and reports what came back. The ICMP engine implements it; the
/// monitor that schedules devices and decides their status only needs this much.
/// </summary>
public interface IEchoProbe
{
    /// <summary>Never throws for an unreachable host: that is a result (all lost, or an ICMP error).</summary>
    Task<EchoResult> ProbeAsync(EchoRequest request, CancellationToken cancellationToken);
}

/// <param name="Count">Echo requests to send (default 3).</param>
/// <param name="Interval">Pause between two requests to the same host.</param>
/// <param name="Timeout">How long to wait for each reply.</param>
public sealed record EchoRequest(IPAddress Address, int Count, TimeSpan Interval, TimeSpan Timeout);

/// <summary>What a probe saw. Times in milliseconds; null when nothing answered.</summary>
/// <param name="Error">An ICMP error that came back instead of a reply ("host unreachable", "TTL exceeded"), if any.</param>
public sealed record EchoResult(int Sent, int Received, double? RttMinMs, double? RttAvgMs, double? RttMaxMs, double? JitterMs, string? Error)
{
    public double LossPercent => Sent == 0 ? 100 : 100.0 * (Sent - Received) / Sent;

    public bool Answered => Received > 0;

    public string Describe() => Answered
        ? $"{RttAvgMs:0.###} ms, {LossPercent:0.#} % loss"
        : Error ?? $"{Sent} of {Sent} echo requests lost";
}
