using Sotp.Collectors.Icmp;
using Sotp.Core.Monitoring;
using Xunit.Abstractions;

namespace Sotp.Collectors.Tests.Netns;

/// <summary>
/// The engine against a host with a known 20 ms delay and 10 % loss, in a network namespace of the test's own:
/// what it measures must be what the path does. Also a host that stops answering goes DOWN after the configured
/// number of probes and UP again when it answers.
/// </summary>
public sealed class IcmpAccuracyTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly NetworkNamespace _namespace;
    private readonly IcmpEchoResponder _responder;
    private readonly IcmpEngine _engine = new(packetsPerSecond: 2000);

    public IcmpAccuracyTests(ITestOutputHelper output)
    {
        _output = output;
        if (!RootFactAttribute.IsRoot)
        {
            _namespace = null!;
            _responder = null!;
            return;
        }

        _namespace = NetworkNamespace.Create();
        _namespace.Exec("sysctl -qw net.ipv4.icmp_echo_ignore_all=1");
        _responder = _namespace.Inside(() => new IcmpEchoResponder(TimeSpan.FromMilliseconds(20), loss: 0.10, seed: 20261201));
    }

    [RootFact]
    public async Task MeasuredRttAndLoss_MatchTheInjectedDelayAndLoss()
    {
        // 40 probes of 10 echoes each, 8 at a time: 400 echo requests.
        var request = new EchoRequest(_namespace.PeerAddress, Count: 10, Interval: TimeSpan.FromMilliseconds(10), Timeout: TimeSpan.FromMilliseconds(500));
        var results = new List<EchoResult>();
        foreach (var batch in Enumerable.Range(0, 5))
        {
            results.AddRange(await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _engine.ProbeAsync(request, CancellationToken.None))));
        }

        var sent = results.Sum(r => r.Sent);
        var received = results.Sum(r => r.Received);
        var lossPercent = 100.0 * (sent - received) / sent;
        var averageRtt = results.Where(r => r.Answered).Sum(r => r.RttAvgMs!.Value * r.Received) / received;
        var summary = $"sent {sent}, received {received}, loss {lossPercent:0.0} %, average RTT {averageRtt:0.000} ms, " +
            $"min {results.Min(r => r.RttMinMs):0.000}, max {results.Max(r => r.RttMaxMs):0.000}; responder answered {_responder.Answered}, dropped {_responder.Dropped}, " +
            $"replies left {_responder.AverageLatenessMs:0.000} ms late on average";

        _output.WriteLine(summary);
        Assert.Equal(400, sent);
        // The delay on the wire is 20 ms plus whatever the responder's own thread was late (a busy CI machine): the
        // engine must measure that delay within 2 ms.
        Assert.True(Math.Abs(averageRtt - (20 + _responder.AverageLatenessMs)) <= 2, summary);
        Assert.True(Math.Abs(lossPercent - 10) <= 4, summary);
        Assert.True(results.Min(r => r.RttMinMs) >= 20, "no reply can come back sooner than the responder's delay: " + summary);
        Assert.Equal(_responder.Answered, received);
    }

    [RootFact]
    public async Task AHostThatStopsAnswering_IsDownAfterTheConfiguredProbes_AndUpWhenItAnswersAgain()
    {
        var request = new EchoRequest(_namespace.PeerAddress, Count: 3, Interval: TimeSpan.FromMilliseconds(10), Timeout: TimeSpan.FromMilliseconds(200));
        var tracker = new StatusTracker(deviceId: 1, failuresBeforeDown: 3);
        _responder.Loss = 0;
        var statuses = new List<DeviceStatus>();

        async Task ProbeAsync()
        {
            var result = await _engine.ProbeAsync(request, CancellationToken.None);
            tracker.Record(new ProbeVerdict(result.Answered, DateTimeOffset.UtcNow, result.Describe()));
            statuses.Add(tracker.Status);
        }

        await ProbeAsync();
        _responder.Loss = 1;
        for (var i = 0; i < 3; i++)
        {
            await ProbeAsync();
        }

        _responder.Loss = 0;
        await ProbeAsync();

        Assert.Equal([DeviceStatus.Up, DeviceStatus.Up, DeviceStatus.Up, DeviceStatus.Down, DeviceStatus.Up], statuses);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _responder?.Dispose();
        _namespace?.Dispose();
    }
}
