using System.Net;
using System.Net.Sockets;
using Sotp.Collectors.Icmp;
using Sotp.Core.Monitoring;

namespace Sotp.Collectors.Tests.Icmp;

/// <summary>The engine against the kernel's own echo replies on loopback, IPv4 and IPv6.</summary>
public sealed class IcmpEngineLoopbackTests
{
    private static EchoRequest Request(string address, int count = 3) =>
        new(IPAddress.Parse(address), count, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1));

    [RootFact]
    public async Task Loopback_AnswersEveryEcho_OnARawSocket()
    {
        using var engine = new IcmpEngine(packetsPerSecond: 1000);

        var result = await engine.ProbeAsync(Request("127.0.0.1"), CancellationToken.None);

        Assert.True(engine.IsRaw(AddressFamily.InterNetwork));
        Assert.Equal((3, 3, 0.0), (result.Sent, result.Received, result.LossPercent));
        Assert.True(result.RttMinMs > 0 && result.RttMinMs <= result.RttAvgMs && result.RttAvgMs <= result.RttMaxMs, result.ToString());
        Assert.NotNull(result.JitterMs);
        Assert.Null(result.Error);
    }

    [RootFact]
    public async Task Ipv6Loopback_AnswersEveryEcho()
    {
        using var engine = new IcmpEngine(packetsPerSecond: 1000);

        var result = await engine.ProbeAsync(Request("::1"), CancellationToken.None);

        Assert.Equal((3, 3), (result.Sent, result.Received));
    }

    [RootFact]
    public async Task ManyHostsAtOnce_EachGetsItsOwnReplies()
    {
        // 127.0.0.0/8 all answers on Linux: 300 addresses probed concurrently must not steal each other's replies.
        using var engine = new IcmpEngine(packetsPerSecond: 5000);
        var addresses = Enumerable.Range(1, 300).Select(i => $"127.3.{i / 250}.{i % 250 + 1}").ToList();

        var results = await Task.WhenAll(addresses.Select(a => engine.ProbeAsync(Request(a, count: 2), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(2, r.Received));
    }

    [RootFact]
    public async Task Dispose_EndsAProbeWaitingForItsNextEcho_WithTheRestLost()
    {
        var engine = new IcmpEngine(packetsPerSecond: 1000);
        var probe = engine.ProbeAsync(new EchoRequest(IPAddress.Loopback, 3, TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)), CancellationToken.None);

        engine.Dispose();
        var result = await probe.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, result.Sent);
        Assert.InRange(result.Received, 0, 1);
    }

    [RootFact]
    public async Task Cancelling_EndsAProbeWaitingForItsNextEcho()
    {
        using var engine = new IcmpEngine(packetsPerSecond: 1000);
        using var cancellation = new CancellationTokenSource();
        var probe = engine.ProbeAsync(new EchoRequest(IPAddress.Loopback, 3, TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
