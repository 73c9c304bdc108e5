using System.Net;
using CsCheck;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>The client against scripted agents that loop, stay silent, send garbage or lie about their engine.</summary>
public sealed class SnmpClientFaultTests : IDisposable
{
    private static readonly Oid Root = Oid.Parse("1.3.6.1.2.1.2.2");
    private static readonly byte[] Public = "public"u8.ToArray();

    private readonly SnmpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task AWalk_WhereTheAgentRepeatsAnOid_StopsWithAWalkException()
    {
        await using var agent = new FakeAgent(request => Answer(request, _ => [Bind("1.3.6.1.2.1.2.2.1.1.1", 1), Bind("1.3.6.1.2.1.2.2.1.1.1", 1)]));
        var error = await Assert.ThrowsAsync<SnmpWalkException>(() => _client.WalkAsync(Target(agent), Root));
        Assert.Contains("must increase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWalk_WhereTheAgentGoesBackwardsAcrossRequests_StopsWithAWalkException()
    {
        // Each answer is fine on its own; the second starts before the first ended, which would loop for ever.
        var calls = 0;
        await using var agent = new FakeAgent(request => Answer(request, _ => Interlocked.Increment(ref calls) == 1
            ? [Bind("1.3.6.1.2.1.2.2.1.1.1", 1), Bind("1.3.6.1.2.1.2.2.1.1.2", 2)]
            : [Bind("1.3.6.1.2.1.2.2.1.1.1", 1)]));
        await Assert.ThrowsAsync<SnmpWalkException>(() => _client.WalkAsync(Target(agent), Root));
    }

    [Fact]
    public async Task AWalk_StopsAtTheFirstOidOutsideTheSubtree()
    {
        await using var agent = new FakeAgent(request => Answer(request, _ => [Bind("1.3.6.1.2.1.2.2.1.1.1", 1), Bind("1.3.6.1.2.1.2.3.0", 9)]));
        var binds = await _client.WalkAsync(Target(agent), Root);
        Assert.Equal("1.3.6.1.2.1.2.2.1.1.1", Assert.Single(binds).Oid.ToString());
    }

    [Fact]
    public async Task AWalk_HalvesMaxRepetitions_WhileTheAgentSaysTooBig()
    {
        var asked = new List<int>();
        await using var agent = new FakeAgent(request => Answer(request, pdu =>
        {
            lock (asked)
            {
                asked.Add(pdu.MaxRepetitions);
            }

            return pdu.MaxRepetitions > 4 ? null : [Bind("1.3.6.1.2.1.2.3.0", 1)];
        }));
        await _client.WalkAsync(Target(agent) with { MaxRepetitions = 20 }, Root);
        Assert.Equal([20, 10, 5, 2], asked);
    }

    [Fact]
    public async Task AWalk_ThatNeverEnds_IsCutAtMaxWalkVarBinds()
    {
        var next = 0u;
        await using var agent = new FakeAgent(request => Answer(request, _ => [Bind($"1.3.6.1.2.1.2.2.1.1.{Interlocked.Increment(ref next)}", 1)]));
        var error = await Assert.ThrowsAsync<SnmpWalkException>(() => _client.WalkAsync(Target(agent) with { MaxWalkVarBinds = 50 }, Root));
        Assert.Contains("more than 50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALostFirstAttempt_IsRetried_AndTheRetryAnswered()
    {
        var seen = 0;
        await using var agent = new FakeAgent(request => Interlocked.Increment(ref seen) == 1 ? [] : Answer(request, _ => [Bind("1.3.6.1.2.1.1.5.0", 5)]));
        var binds = await _client.GetAsync(Target(agent) with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 1 }, [Oid.Parse("1.3.6.1.2.1.1.5.0")]);
        Assert.Equal(5, binds[0].Value.AsInt64());
        Assert.Equal(2, agent.Received);
    }

    [Fact]
    public async Task Garbage_AndAnswersToOtherRequests_AreCountedAndIgnored()
    {
        await using var agent = new FakeAgent(request =>
        {
            var message = SnmpMessage.DecodeCommunity(request);
            var stranger = message with { Pdu = message.Pdu with { Type = PduType.Response, RequestId = message.Pdu.RequestId ^ 0x5555 } };
            return [[0x30, 0x03, 0x02, 0x01], stranger.Encode(), .. Answer(request, _ => [Bind("1.3.6.1.2.1.1.5.0", 7)])];
        });
        var binds = await _client.GetAsync(Target(agent), [Oid.Parse("1.3.6.1.2.1.1.5.0")]);
        Assert.Equal(7, binds[0].Value.AsInt64());
        Assert.Equal(1, _client.MalformedDatagrams);
        Assert.Equal(1, _client.UnmatchedDatagrams);
    }

    [Fact]
    public async Task CorruptedCopiesOfTheAnswer_ArriveFirst_AndTheRealAnswerStillCompletesTheRequest()
    {
        var corruption = (At: 0, Value: (byte)0, Cut: 1.0);
        await using var agent = new FakeAgent(request =>
        {
            var real = Answer(request, _ => [Bind("1.3.6.1.2.1.1.5.0", 42)]).Single();
            var flipped = real.ToArray();
            flipped[corruption.At % flipped.Length] = corruption.Value;
            return [flipped, real[..(int)(real.Length * corruption.Cut)], real];
        });
        // v2c has no integrity check: a flipped byte that still decodes (a value, an error-status) is a valid answer
        // and may win. What must never happen is a crash or a hang, which a dead receive loop would show as a timeout.
        await Gen.Select(Gen.Int[0, 1000], Gen.Byte, Gen.Double[0, 1]).SampleAsync(async sample =>
        {
            corruption = sample;
            try
            {
                await _client.GetAsync(Target(agent), [Oid.Parse("1.3.6.1.2.1.1.5.0")]);
            }
            catch (SnmpErrorStatusException)
            {
                // A corrupted copy with a non-zero error-status arrived first.
            }
        }, iter: 200);
        corruption = (0, 0x30, 1.0);
        var binds = await _client.GetAsync(Target(agent), [Oid.Parse("1.3.6.1.2.1.1.5.0")]);
        Assert.Equal(SnmpValue.Integer32(42), binds[0].Value);
        Assert.True(_client.MalformedDatagrams > 0);
    }

    [Fact]
    public async Task AnAgentThatNeverAnswers_TimesOutAfterEveryAttempt()
    {
        await using var agent = new FakeAgent(_ => []);
        var target = Target(agent) with { Timeout = TimeSpan.FromMilliseconds(100), Retries = 2 };
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => _client.GetAsync(target, [Oid.Parse("1.3.6.1.2.1.1.5.0")]));
        Assert.Equal(3, agent.Received);
    }

    [Fact]
    public async Task AClosedPort_TimesOut_AndTheClientStillWorksAfterwards()
    {
        int closed;
        await using (var gone = new FakeAgent(_ => []))
        {
            closed = gone.Endpoint.Port;
        }

        var nobody = new SnmpTarget(new IPEndPoint(IPAddress.Loopback, closed), new CommunityCredentials("public")) { Timeout = TimeSpan.FromMilliseconds(100) };
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => _client.GetAsync(nobody, [Oid.Parse("1.3.6.1.2.1.1.5.0")]));
        await using var agent = new FakeAgent(request => Answer(request, _ => [Bind("1.3.6.1.2.1.1.5.0", 3)]));
        Assert.Equal(3, (await _client.GetAsync(Target(agent), [Oid.Parse("1.3.6.1.2.1.1.5.0")]))[0].Value.AsInt64());
    }

    [Fact]
    public async Task AnAgentThatKeepsRejectingItsOwnEngineId_GivesUnknownEngineId()
    {
        await using var agent = new FakeAgent(request => [UnknownEngineReport(request, [0x80, 0, 0, 1])]);
        var error = await Assert.ThrowsAsync<SnmpUsmException>(() =>
            _client.GetAsync(new SnmpTarget(agent.Endpoint, new UsmCredentials("someone")), [Oid.Parse("1.3.6.1.2.1.1.5.0")]));
        Assert.Equal(UsmFailure.UnknownEngineId, error.Failure);
    }

    [Fact]
    public async Task TwoAgentsWithTheSameEngineId_AreReportedAsAConflict()
    {
        byte[] cloned = [0x80, 0, 0x1F, 0x88, 4, 1, 2, 3];
        await using var first = new FakeAgent(request => [UnknownEngineReport(request, cloned)]);
        await using var second = new FakeAgent(request => [UnknownEngineReport(request, cloned)]);
        foreach (var agent in new[] { first, second })
        {
            await Assert.ThrowsAsync<SnmpUsmException>(() =>
                _client.GetAsync(new SnmpTarget(agent.Endpoint, new UsmCredentials("someone")), [Oid.Parse("1.3.6.1.2.1.1.5.0")]));
        }

        var conflict = Assert.Single(_client.EngineConflicts);
        Assert.Equal(Convert.ToHexString(cloned), conflict.EngineIdHex);
        Assert.Equal((first.Endpoint, second.Endpoint), (conflict.First, conflict.Second));
    }

    private static SnmpTarget Target(FakeAgent agent) =>
        new(agent.Endpoint, new CommunityCredentials("public")) { Timeout = TimeSpan.FromSeconds(2) };

    private static VarBind Bind(string oid, int value) => new(Oid.Parse(oid), SnmpValue.Integer32(value));

    /// <summary>A v2c response with the given varbinds, or tooBig when the script returns null.</summary>
    private static IEnumerable<byte[]> Answer(byte[] request, Func<Pdu, VarBind[]?> binds)
    {
        var pdu = SnmpMessage.DecodeCommunity(request).Pdu;
        var answer = binds(pdu);
        var response = answer is null
            ? new Pdu(PduType.Response, pdu.RequestId, (int)SnmpErrorStatus.TooBig, 0, [])
            : new Pdu(PduType.Response, pdu.RequestId, 0, 0, answer);
        yield return new CommunityMessage(SnmpVersion.V2c, Public, response).Encode();
    }

    /// <summary>The report an agent sends to a request for an engine id it does not have: usmStatsUnknownEngineIDs.</summary>
    private static byte[] UnknownEngineReport(byte[] request, byte[] engineId)
    {
        var message = V3Message.Decode(request, out _);
        var report = new Pdu(PduType.Report, message.Plaintext?.Pdu.RequestId ?? 0, 0, 0,
            [new VarBind(Oid.Parse("1.3.6.1.6.3.15.1.1.4.0"), SnmpValue.Counter32(1))]);
        var security = new UsmSecurityParameters(engineId, 1, 100, message.Security.UserName, [], []);
        return new V3Message(message.MessageId, 65507, V3Flags.None, security, new ScopedPdu(engineId, [], report), null).Encode(out _);
    }
}
