using System.Net;
using System.Net.Sockets;
using Sotp.Collectors.Icmp;
using Sotp.Core.Monitoring;

namespace Sotp.Collectors.Tests.Netns;

/// <summary>
/// What the host's own loopback cannot show: the unprivileged datagram (ping) sockets a non-root server uses, and an
/// ICMP error coming back to a raw socket. Each in a network namespace of the test's own, whose sysctls and firewall
/// rules touch nothing else on the machine.
/// </summary>
public sealed class IcmpSocketKindsTests : IDisposable
{
    private readonly NetworkNamespace _namespace = RootFactAttribute.IsRoot ? NetworkNamespace.Create() : null!;

    private static EchoRequest Request(string address) =>
        new(IPAddress.Parse(address), 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

    [RootFact]
    public async Task DatagramSockets_AnswerEveryEcho_OnIpv4AndIpv6()
    {
        _namespace.Exec("sysctl -qw net.ipv4.ping_group_range=\"0 2147483647\"");
        using var engine = new IcmpEngine(packetsPerSecond: 1000, meters: null, rawSockets: false);
        // Sockets belong to the namespace of the thread that opens them: open both in ours.
        var raw = _namespace.Inside(() => (engine.IsRaw(AddressFamily.InterNetwork), engine.IsRaw(AddressFamily.InterNetworkV6)));

        var results = await Task.WhenAll(engine.ProbeAsync(Request("127.0.0.1"), CancellationToken.None), engine.ProbeAsync(Request("::1"), CancellationToken.None));

        Assert.Equal((false, false), raw);
        Assert.All(results, r => Assert.Equal((3, 3), (r.Sent, r.Received)));
        Assert.All(results, r => Assert.True(r.RttMinMs > 0, r.ToString()));
    }

    [RootFact]
    public async Task AnIcmpError_IsTheProbesResult_OnARawSocket()
    {
        // The namespace's own firewall answers echo requests arriving for one loopback address with host-unreachable,
        // as a router would (rejecting them on the way out would fail the send instead).
        _namespace.Exec("nft add table inet sotp");
        _namespace.Exec("nft add chain inet sotp in { type filter hook input priority 0 ; }");
        _namespace.Exec("nft add rule inet sotp in ip daddr 127.9.9.9 icmp type echo-request reject with icmp type host-unreachable");
        using var engine = new IcmpEngine(packetsPerSecond: 1000);
        Assert.True(_namespace.Inside(() => engine.IsRaw(AddressFamily.InterNetwork)));

        var refused = await engine.ProbeAsync(Request("127.9.9.9"), CancellationToken.None);
        var answered = await engine.ProbeAsync(Request("127.9.9.8"), CancellationToken.None);

        Assert.Equal((3, 0), (refused.Sent, refused.Received));
        Assert.StartsWith("host unreachable (from ", refused.Error);
        Assert.Equal(3, answered.Received);
    }

    public void Dispose() => _namespace?.Dispose();
}
