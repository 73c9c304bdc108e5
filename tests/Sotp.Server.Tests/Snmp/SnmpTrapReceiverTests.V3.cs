using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Secrets;
using Sotp.Server.Snmp;
using Sotp.Server.Snmp.Traps;
using Sotp.Testing;
using Sotp.Testing.Snmp;
using CoreVersion = Sotp.Core.Devices.SnmpVersion;

namespace Sotp.Server.Tests.Snmp;

/// <summary>
/// SNMPv3 traps (net-snmp's snmptrap is the authoritative engine: keys localised with its -e engine id) and informs
/// (snmpinform discovers our engine and localises with ours), as device 1's own v3 user or a configured trap user.
/// </summary>
public sealed partial class SnmpTrapReceiverTests
{
    private const string V3User = "trapper";
    private const string AuthPass = "trap-auth-pass-1";
    private const string PrivPass = "trap-priv-pass-1";
    private const string SenderEngine = "0x8000000001020304aa";
    private const string ColdStart = "1.3.6.1.6.3.1.1.5.1";

    [SnmpdFact]
    public async Task AV3AuthPrivShaAesTrap_AsTheDevicesUser_IsAnAlarm()
    {
        await StartAsync(DeviceUserAsync);

        var (exit, error) = await _tools.RunAsync("snmptrap", [.. Sender(V3User, "SHA", AuthPass, "AES", PrivPass), "-e", SenderEngine, _target, "", LinkDown, IfDescr1, "s", "ge-0/0/1"]);

        Assert.True(exit == 0, error);
        await _time.AdvanceUntilAsync(() => _events.Events.Count > 0, maxSeconds: 300, pauseMilliseconds: 20);
        var found = Assert.Single(_events.Events);
        Assert.Equal((1L, "link_down", "ge-0/0/1", EventKind.Alarm), (found.DeviceId, found.Code, found.Zone, found.Kind));
    }

    [SnmpdFact]
    public async Task AV3AuthPrivShaAesInform_DiscoversOurEngine_AndIsAnswered()
    {
        await StartAsync(DeviceUserAsync);

        var (exit, error) = await _tools.RunAsync("snmpinform", [.. Sender(V3User, "SHA", AuthPass, "AES", PrivPass), "-r", "2", "-t", "5", _target, "", ColdStart]);

        Assert.True(exit == 0, $"snmpinform got no Response: {error}");
        var found = Assert.Single(_events.Events);
        Assert.Equal(("availability", "cold_start"), (found.Category, found.Code));
        Assert.True(Receiver.Results("engine_discovery") > 0);
    }

    [SnmpdFact]
    public async Task AConfiguredSha256Aes256User_PinnedToTheSendersEngine_SendsTrapsAndInforms()
    {
        await StartAsync(DeviceUserAsync);
        await ConfigureTrapUserAsync("wide-user", SnmpAuthProtocol.Sha256, SnmpPrivProtocol.Aes256, SenderEngine);
        var security = Sender("wide-user", "SHA-256", AuthPass, "AES-256", PrivPass);

        var (trapExit, trapError) = await _tools.RunAsync("snmptrap", [.. security, "-e", SenderEngine, _target, "", LinkDown, IfIndex1, "i", "3"]);
        var (informExit, informError) = await _tools.RunAsync("snmpinform", [.. security, "-r", "2", "-t", "5", _target, "", ColdStart]);
        var (otherEngineExit, _) = await _tools.RunAsync("snmptrap", [.. security, "-e", "0x8000000001020304bb", _target, "", LinkDown, IfIndex1, "i", "4"]);

        Assert.True(trapExit == 0 && otherEngineExit == 0, trapError);
        Assert.True(informExit == 0, $"snmpinform got no Response: {informError}");
        await _time.AdvanceUntilAsync(() => _events.Events.Count >= 2 && Receiver.Results("unknown_user") == 1,
            maxSeconds: 300, pauseMilliseconds: 20);
        Assert.Equal(["cold_start", "link_down"], _events.Events.Select(e => e.Code).Order());
        Assert.Equal("3", Assert.Single(_events.Events, e => e.Code == "link_down").Zone);
    }

    [SnmpdFact]
    public async Task WrongUsersAndKeys_AreCountedByReason_AndNeverAnEvent()
    {
        await StartAsync(DeviceUserAsync);

        await _tools.RunAsync("snmptrap", [.. Sender("stranger", "SHA", AuthPass, "AES", PrivPass), "-e", SenderEngine, _target, "", LinkDown]);
        await _tools.RunAsync("snmptrap", [.. Sender(V3User, "SHA", "not-the-auth-key", "AES", PrivPass), "-e", SenderEngine, _target, "", LinkDown]);
        await _tools.RunAsync("snmptrap", [.. Sender(V3User, "SHA", AuthPass, "AES", "not-the-priv-key"), "-e", SenderEngine, _target, "", LinkDown]);
        var (informExit, _) = await _tools.RunAsync("snmpinform", [.. Sender(V3User, "SHA", "not-the-auth-key", "AES", PrivPass), "-r", "0", "-t", "2", _target, "", ColdStart]);

        Assert.NotEqual(0, informExit); // Answered with a wrongDigest report, not a Response.
        await _time.AdvanceUntilAsync(() => Receiver.Results("unknown_user") == 1 && Receiver.Results("wrong_digest") == 2 && Receiver.Results("decryption_error") == 1,
            maxSeconds: 300, pauseMilliseconds: 20);
        Assert.Empty(_events.Events);
        Assert.Equal(0, Receiver.Results("accepted"));
    }

    private static string[] Sender(string user, string auth, string authPass, string priv, string privPass) =>
        ["-v", "3", "-l", "authPriv", "-u", user, "-a", auth, "-A", authPass, "-x", priv, "-X", privPass];

    private static async Task<DeviceCredentials> DeviceUserAsync(SecretVault vault, Sotp.Core.Caller admin)
    {
        var (auth, priv) = await KeysAsync(vault, admin);
        return new DeviceCredentials(CoreVersion.V3, null, V3User, SnmpAuthProtocol.Sha, auth, SnmpPrivProtocol.Aes, priv);
    }

    private static async Task<(long Auth, long Priv)> KeysAsync(SecretVault vault, Sotp.Core.Caller admin) =>
        ((await vault.CreateAsync($"auth-{Guid.NewGuid():N}", "SNMP_V3_AUTH", 1, AuthPass, admin, CancellationToken.None)).Id,
         (await vault.CreateAsync($"priv-{Guid.NewGuid():N}", "SNMP_V3_PRIV", 1, PrivPass, admin, CancellationToken.None)).Id);

    /// <summary>
    /// A <c>Snmp:TrapUsers</c> entry. Its secrets exist only once the server runs, so the entry is added to the
    /// options the receiver reads (it reads them at the first v3 message after each inventory rebuild).
    /// </summary>
    private async Task ConfigureTrapUserAsync(string name, SnmpAuthProtocol auth, SnmpPrivProtocol priv, string engineId)
    {
        var provider = _server!.Factory.Services;
        var (authId, privId) = await KeysAsync(provider.GetRequiredService<SecretVault>(), new Sotp.Core.Caller(null, "test", Sotp.Core.Users.Role.Master));
        provider.GetRequiredService<IOptions<SnmpOptions>>().Value.TrapUsers.Add(new SnmpTrapUserOptions
        {
            UserName = name, AuthProtocol = auth, AuthSecretId = authId, PrivProtocol = priv, PrivSecretId = privId, EngineId = engineId,
        });
    }
}
