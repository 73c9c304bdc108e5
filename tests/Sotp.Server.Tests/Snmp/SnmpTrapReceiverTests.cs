using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Secrets;
using Sotp.Core.Users;
using Sotp.Server.Snmp.Traps;
using Sotp.Storage;
using Sotp.Testing;
using Sotp.Testing.Snmp;
using CoreVersion = Sotp.Core.Devices.SnmpVersion;

namespace Sotp.Server.Tests.Snmp;

/// <summary>
/// The whole server receiving traps and informs that net-snmp's snmptrap and snmpinform send to a loopback port,
/// from demo device 1 (127.0.0.1) once it has a v2c community.
/// </summary>
public sealed partial class SnmpTrapReceiverTests : IAsyncDisposable
{
    private const string Community = "trap-community-1";
    private const string LinkDown = "1.3.6.1.6.3.1.1.5.3";
    private const string LinkUp = "1.3.6.1.6.3.1.1.5.4";
    private const string IfIndex1 = "1.3.6.1.2.1.2.2.1.1.1";
    private const string IfDescr1 = "1.3.6.1.2.1.2.2.1.2.1";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingEventSink _events = new();
    private readonly NetSnmpTools _tools = new();
    private InMemoryServer? _server;
    private string _target = "";

    [SnmpdFact]
    public async Task AV2cLinkDown_FromSnmptrap_IsAHighInterfaceAlarmOnTheNamedInterface()
    {
        await StartAsync();

        var (exit, error) = await _tools.RunAsync("snmptrap", "-v", "2c", "-c", Community, _target, "", LinkDown, IfIndex1, "i", "1", IfDescr1, "s", "eth0");

        Assert.True(exit == 0, error);
        await _time.AdvanceUntilAsync(() => _events.Events.Count > 0, maxSeconds: 300, pauseMilliseconds: 20);
        var found = Assert.Single(_events.Events);
        Assert.Equal((1L, "interface", "link_down", "eth0", EventPriority.High, EventKind.Alarm),
            (found.DeviceId, found.Category, found.Code, found.Zone, found.Priority, found.Kind));
        Assert.StartsWith($"trap:1:{LinkDown}:eth0:", found.DedupKey, StringComparison.Ordinal);
        Assert.Contains("linkDown", found.Message, StringComparison.Ordinal);
    }

    [SnmpdFact]
    public async Task AV1LinkUp_IsALinkUpSignal_ZonedByIfIndexWhenNoNameCame()
    {
        await StartAsync();

        var (exit, error) = await _tools.RunAsync("snmptrap", "-v", "1", "-c", Community, _target, "1.3.6.1.4.1.8072.3.2.10", "127.0.0.1", "3", "0", "", IfIndex1, "i", "7");

        Assert.True(exit == 0, error);
        await _time.AdvanceUntilAsync(() => _events.Events.Count > 0, maxSeconds: 300, pauseMilliseconds: 20);
        var found = Assert.Single(_events.Events);
        Assert.Equal(("interface", "link_up", "7", EventKind.Signal), (found.Category, found.Code, found.Zone, found.Kind));
    }

    [SnmpdFact]
    public async Task AnInform_IsAnswered_SoSnmpinformSucceeds_AndAColdStartIsRecorded()
    {
        await StartAsync();

        var (exit, error) = await _tools.RunAsync("snmpinform", "-v", "2c", "-c", Community, "-r", "2", "-t", "5", _target, "", "1.3.6.1.6.3.1.1.5.1");

        Assert.True(exit == 0, $"snmpinform got no Response: {error}");
        var found = Assert.Single(_events.Events); // Answered only after the event was stored.
        Assert.Equal(("availability", "cold_start", EventPriority.Medium), (found.Category, found.Code, found.Priority));
    }

    [SnmpdFact]
    public async Task AWrongCommunity_RecordsNothing_AndIsCounted()
    {
        await StartAsync();

        var (exit, _) = await _tools.RunAsync("snmpinform", "-v", "2c", "-c", "not-the-community", "-r", "0", "-t", "1", _target, "", LinkDown);
        await _tools.RunAsync("snmptrap", "-v", "2c", "-c", "not-the-community", _target, "", LinkDown, IfIndex1, "i", "1");

        Assert.NotEqual(0, exit); // A refused inform is not answered.
        await _time.AdvanceUntilAsync(() => Receiver.Results("bad_community") == 2, maxSeconds: 300, pauseMilliseconds: 20);
        Assert.Empty(_events.Events);
        Assert.Equal(0, Receiver.Results("accepted"));
        Assert.Contains("""sotp_snmp_traps_total{otel_scope_name="Sotp.Snmp",result="bad_community"}""", await _server!.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [SnmpdFact]
    public async Task ALinkUpTrap_ResolvesTheInterfaceAlarm_OnlyOnceEveryLinkDownInItIsUp()
    {
        await StartAsync(recordEvents: false);
        var alarms = _server!.Factory.Services.GetRequiredService<Sotp.Core.Alarms.IAlarmStore>();
        async Task TrapAsync(string trap, string name, int count)
        {
            var (exit, error) = await _tools.RunAsync("snmptrap", "-v", "2c", "-c", Community, _target, "", trap, IfDescr1, "s", name);
            Assert.True(exit == 0, error);
            await _time.AdvanceUntilAsync(() => Receiver.Results("accepted") == count, maxSeconds: 300, pauseMilliseconds: 20);
        }

        await TrapAsync(LinkDown, "eth0", 1);
        await TrapAsync(LinkDown, "eth1", 2);
        await TrapAsync(LinkUp, "eth0", 3);
        var open = await alarms.FindOpenForDeviceAsync(1, "interface", CancellationToken.None);
        await TrapAsync(LinkUp, "eth1", 4);

        Assert.NotNull(open); // eth1 was still down.
        Assert.Equal(2, open.EventCount);
        Assert.Null(await alarms.FindOpenForDeviceAsync(1, "interface", CancellationToken.None));
        Assert.Equal(Sotp.Core.Alarms.AlarmState.Resolved, (await alarms.GetAsync(open.Id, CancellationToken.None))!.State);
    }

    [SnmpdFact]
    public async Task APortInUse_LeavesTheServerRunning_WithoutTraps()
    {
        using var taken = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0));
        var port = ((System.Net.IPEndPoint)taken.Client.LocalEndPoint!).Port;
        _server = await InMemoryServer.StartAsync(StoreProvider.Sqlite, _time, new Dictionary<string, string?>
        {
            ["Snmp:TrapsEnabled"] = "true",
            ["Snmp:TrapPort"] = port.ToString(CultureInfo.InvariantCulture),
        });
        (await _server.Client.GetAsync("/readyz")).EnsureSuccessStatusCode();
        var receiver = _server.Factory.Services.GetRequiredService<SnmpTrapReceiver>();

        await _time.AdvanceUntilAsync(() => receiver.BindError is not null, maxSeconds: 300, pauseMilliseconds: 20);

        Assert.Null(receiver.LocalEndpoint);
        (await _server.Client.GetAsync("/readyz")).EnsureSuccessStatusCode();
    }


    private SnmpTrapReceiver Receiver => _server!.Factory.Services.GetRequiredService<SnmpTrapReceiver>();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _tools.Dispose();
    }

    /// <summary>The server with the receiver on a free loopback port, and device 1 given a v2c community the receiver has read.</summary>
    /// <param name="recordEvents">False hands the events to the real alarm core instead of a recorder.</param>
    private Task StartAsync(bool recordEvents = true) => StartAsync(async (vault, admin) =>
        new DeviceCredentials(CoreVersion.V2c, (await vault.CreateAsync("traps", "SNMP_COMMUNITY", 1, Community, admin, CancellationToken.None)).Id), recordEvents);

    /// <summary>The server with the receiver on a free loopback port, and device 1 given the credentials <paramref name="credentials"/> makes.</summary>
    private async Task StartAsync(Func<SecretVault, Caller, Task<DeviceCredentials>> credentials, bool recordEvents = true)
    {
        var port = FreePort.Next();
        _target = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _server = await InMemoryServer.StartAsync(StoreProvider.Sqlite, _time, new Dictionary<string, string?>
        {
            ["Snmp:TrapsEnabled"] = "true",
            ["Snmp:TrapPort"] = port.ToString(CultureInfo.InvariantCulture),
        }, services =>
        {
            if (recordEvents)
            {
                services.AddSingleton<IEventSink>(_events);
            }
        });
        (await _server.Client.GetAsync("/readyz")).EnsureSuccessStatusCode();
        var provider = _server.Factory.Services;
        var admin = new Caller(null, "test", Role.Master);
        var deviceCredentials = await credentials(provider.GetRequiredService<SecretVault>(), admin);
        var store = provider.GetRequiredService<IDeviceStore>();
        var device = (await store.GetAsync(1, CancellationToken.None))!;
        await store.UpdateAsync(1, device.Version, new DeviceData(device.SiteId, device.Name, device.Kind, device.Vendor, device.Model, device.Address,
            device.Tags, device.ParentId, true, device.IcmpIntervalSeconds, device.SnmpIntervalSeconds, deviceCredentials),
            admin, CancellationToken.None);
        var changes = provider.GetRequiredService<InventoryChanges>();
        changes.Signal();
        var receiver = provider.GetRequiredService<SnmpTrapReceiver>();
        var senders = provider.GetRequiredService<TrapSenders>();
        // 200 ms of real time per simulated second: a loaded machine may need many seconds to read the inventory and the secret.
        await _time.AdvanceUntilAsync(() => receiver.LocalEndpoint is not null && senders.BuiltAt >= changes.Version, maxSeconds: 900, pauseMilliseconds: 200);
    }
}
