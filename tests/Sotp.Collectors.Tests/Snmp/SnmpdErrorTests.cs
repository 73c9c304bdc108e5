using Microsoft.Extensions.Time.Testing;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>What snmpd does with wrong credentials, and the errors our engine turns that into.</summary>
[Collection(SnmpdCollection.Name)]
public sealed class SnmpdErrorTests(SnmpdServer snmpd) : IDisposable
{
    private static readonly Oid SysName = Oid.Parse("1.3.6.1.2.1.1.5.0");
    private static readonly Oid SysContact = Oid.Parse("1.3.6.1.2.1.1.4.0");

    private readonly SnmpClient _client = new();

    public void Dispose() => _client.Dispose();

    [SnmpdFact]
    public async Task UnknownUser_IsReportedAsUnknownUserName()
    {
        var credentials = SnmpdUser.Named("sha_aes").Credentials(name: "nobody_here");
        var error = await Assert.ThrowsAsync<SnmpUsmException>(() => _client.GetAsync(snmpd.V3(credentials), [SysName]));
        Assert.Equal(UsmFailure.UnknownUserName, error.Failure);
        Assert.Contains("unknown user 'nobody_here'", error.Message, StringComparison.Ordinal);
    }

    [SnmpdFact]
    public async Task WrongAuthPassword_IsReportedAsWrongDigest()
    {
        var credentials = SnmpdUser.Named("sha_aes").Credentials(authPassword: "not-the-password");
        var error = await Assert.ThrowsAsync<SnmpUsmException>(() => _client.GetAsync(snmpd.V3(credentials), [SysName]));
        Assert.Equal(UsmFailure.WrongDigest, error.Failure);
    }

    [SnmpdFact]
    public async Task WrongAuthProtocol_IsReportedAsWrongDigest()
    {
        var credentials = new UsmCredentials("sha256_aes256", SnmpAuthProtocol.Sha1, SnmpdUser.AuthPassword, SnmpPrivProtocol.Aes256, SnmpdUser.PrivPassword);
        var error = await Assert.ThrowsAsync<SnmpUsmException>(() => _client.GetAsync(snmpd.V3(credentials), [SysName]));
        Assert.Equal(UsmFailure.WrongDigest, error.Failure);
    }

    [SnmpdFact]
    public async Task WrongPrivPassword_IsReportedAsDecryptionError()
    {
        // snmpd drops what it cannot decrypt, without a report; the engine tells this from a dead agent by asking
        // again without encryption.
        var credentials = SnmpdUser.Named("sha_aes").Credentials(privPassword: "not-the-password");
        var error = await Assert.ThrowsAsync<SnmpUsmException>(() => _client.GetAsync(snmpd.V3(credentials) with { Timeout = TimeSpan.FromMilliseconds(300) }, [SysName]));
        Assert.Equal(UsmFailure.DecryptionError, error.Failure);
        Assert.Contains("wrong privacy password", error.Message, StringComparison.Ordinal);
    }

    [SnmpdFact]
    public async Task PrivacyForAUserWithoutAPrivacyKey_IsReportedAsUnsupportedSecurityLevel()
    {
        var credentials = new UsmCredentials("auth_sha512", SnmpAuthProtocol.Sha512, SnmpdUser.AuthPassword, SnmpPrivProtocol.Aes128, SnmpdUser.PrivPassword);
        var error = await Assert.ThrowsAsync<SnmpUsmException>(() => _client.GetAsync(snmpd.V3(credentials), [SysName]));
        Assert.Equal(UsmFailure.UnsupportedSecurityLevel, error.Failure);
    }

    [SnmpdFact]
    public async Task WrongCommunity_TimesOut_BecauseSnmpdDropsIt()
    {
        var target = snmpd.V2c with { Credentials = new CommunityCredentials("wrong"), Timeout = TimeSpan.FromMilliseconds(200), Retries = 1 };
        var error = await Assert.ThrowsAsync<SnmpTimeoutException>(() => _client.GetAsync(target, [SysName]));
        Assert.Contains("after 2 attempt(s) of 200 ms", error.Message, StringComparison.Ordinal);
    }

    [SnmpdFact]
    public async Task AClockThatDriftedOutOfTheTimeWindow_IsResynchronisedFromTheReport()
    {
        var time = new FakeTimeProvider();
        using var client = new SnmpClient(time);
        var target = snmpd.V3(SnmpdUser.Named("sha_aes").Credentials());
        await client.GetAsync(target, [SysName]);
        // Our estimate of the agent's clock is now an hour ahead; RFC 3414's window is 150 s.
        time.Advance(TimeSpan.FromHours(1));
        var binds = await client.GetAsync(target, [SysName]);
        Assert.Equal(SnmpdServer.SysName, binds[0].Value.AsText());
    }

    [SnmpdFact]
    public async Task ManyRequestsInFlight_OnOneSocket_EachGetTheirOwnAnswer()
    {
        var v3 = snmpd.V3(SnmpdUser.Named("sha256_aes256").Credentials());
        var requests = Enumerable.Range(1, 200).Select(async i =>
        {
            var target = i % 2 == 0 ? snmpd.V2c : v3;
            var oid = Oid.Parse($"1.3.6.1.2.1.2.2.1.1.{(i % 2) + 1}");
            var binds = await _client.GetAsync(target with { Timeout = TimeSpan.FromSeconds(3), Retries = 2 }, [oid]);
            return (Asked: oid, Got: binds.Single());
        });
        var answers = await Task.WhenAll(requests);
        Assert.All(answers, answer =>
        {
            Assert.Equal(answer.Asked, answer.Got.Oid);
            Assert.Equal((long)answer.Asked[^1], answer.Got.Value.AsInt64());
        });
    }

    [SnmpdFact]
    public async Task Set_WritesAWritableObject_AndReadingItBackAgrees()
    {
        var write = snmpd.V2c with { Credentials = new CommunityCredentials(SnmpdServer.WriteCommunity) };
        var contact = $"ops-{Guid.NewGuid():N}@example.invalid";
        await _client.SetAsync(write, [new VarBind(SysContact, SnmpValue.OctetString(contact))]);
        var binds = await _client.GetAsync(snmpd.V2c, [SysContact]);
        Assert.Equal(contact, binds[0].Value.AsText());
    }

    [SnmpdFact]
    public async Task Set_OfAnObjectFixedInTheConfig_FailsWithTheAgentsErrorStatus()
    {
        var write = snmpd.V2c with { Credentials = new CommunityCredentials(SnmpdServer.WriteCommunity) };
        var error = await Assert.ThrowsAsync<SnmpErrorStatusException>(() =>
            _client.SetAsync(write, [new VarBind(Oid.Parse("1.3.6.1.2.1.1.6.0"), SnmpValue.OctetString("elsewhere"))]));
        Assert.Equal(SnmpErrorStatus.NotWritable, error.Status);
        Assert.Equal(1, error.Index);
    }

    [SnmpdFact]
    public async Task GetOfAMissingObject_ReturnsTheNoSuchValues()
    {
        var binds = await _client.GetAsync(snmpd.V2c, [Oid.Parse("1.3.6.1.2.1.1.5.1"), Oid.Parse("1.3.6.1.4.1.99999.1.0")]);
        Assert.Equal(SnmpType.NoSuchInstance, binds[0].Value.Type);
        Assert.Equal(SnmpType.NoSuchObject, binds[1].Value.Type);
    }

    [SnmpdFact]
    public async Task AfterTheLastObject_GetNextSaysEndOfMibView_AndAWalkThereIsEmpty()
    {
        var next = await _client.GetNextAsync(snmpd.V2c, [Oid.Parse("2.99")]);
        Assert.Equal(SnmpType.EndOfMibView, next[0].Value.Type);
        Assert.Empty(await _client.WalkAsync(snmpd.V2c, Oid.Parse("2.99")));
    }
}
