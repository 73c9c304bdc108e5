using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Monitoring;
using Sotp.Core.Series;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Server.Monitoring;
using Sotp.Storage;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>
/// The monitor over a real store and inventory, with a scripted echo probe in place of the network (the engine
/// itself is tested against real sockets in Sotp.Collectors.Tests) and fake time moved a second at a time.
/// </summary>
public sealed class IcmpMonitorTests : IAsyncDisposable
{
    private static readonly Caller Admin = new(null, "test", Role.Master);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));
    private readonly ScriptedProbe _probe = new();
    private TestStore? _store;
    private IcmpMonitor? _monitor;

    [Fact]
    public async Task ADevice_IsUpAtItsFirstAnswer_DownAfterTheConfiguredLosses_AndUpAgain()
    {
        var (devices, site) = await StartAsync();
        var router = await devices.CreateAsync(Device(site, "router", "10.0.0.1"), Admin, CancellationToken.None);
        var board = _store!.Get<DeviceStatusBoard>();
        var changes = board.Subscribe(CancellationToken.None);
        await StartMonitorAsync();

        await _time.AdvanceUntilAsync(() => board.Get(router.Id).Status == DeviceStatus.Up);
        _probe.Answers["10.0.0.1"] = false;
        await _time.AdvanceUntilAsync(() => board.Get(router.Id).Status == DeviceStatus.Down);
        var probesWhenDown = _probe.Calls.Count(address => address == "10.0.0.1");
        _probe.Answers["10.0.0.1"] = true;
        await _time.AdvanceUntilAsync(() => board.Get(router.Id).Status == DeviceStatus.Up);

        Assert.Equal([(DeviceStatus.Unknown, DeviceStatus.Up), (DeviceStatus.Up, DeviceStatus.Down), (DeviceStatus.Down, DeviceStatus.Up)],
            await ReadAsync(changes, 3));
        // One answered probe, then exactly FailuresBeforeDown (2) lost ones.
        Assert.Equal(3, probesWhenDown);
        var latest = _store.Get<LatestSeriesValues>();
        Assert.Equal(1, latest.Get(new SeriesKey(router.Id, IcmpMonitor.SeriesNames.Status))!.Value);
        Assert.Equal(0, latest.Get(new SeriesKey(router.Id, IcmpMonitor.SeriesNames.LossPercent))!.Value);
        Assert.NotNull(latest.Get(new SeriesKey(router.Id, IcmpMonitor.SeriesNames.RttMs)));
    }

    [Fact]
    public async Task ADeviceAddedWhileRunning_IsPolled_AndADeletedOne_BecomesUnknown()
    {
        var (devices, site) = await StartAsync();
        var board = _store!.Get<DeviceStatusBoard>();
        await StartMonitorAsync();

        var added = await devices.CreateAsync(Device(site, "new-switch", "10.0.0.7"), Admin, CancellationToken.None);
        await _time.AdvanceUntilAsync(() => board.Get(added.Id).Status == DeviceStatus.Up);
        var changes = board.Subscribe(CancellationToken.None);
        await devices.DeleteAsync(added.Id, added.Version, Admin, CancellationToken.None);
        var change = await changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((added.Id, DeviceStatus.Up, DeviceStatus.Unknown), (change.DeviceId, change.From, change.To));
        Assert.Equal(DeviceStatus.Unknown, board.Get(added.Id).Status);
    }

    [Fact]
    public async Task AHostNameThatDoesNotResolve_LeavesTheDeviceUnknown_WithoutPingingAnything()
    {
        var (devices, site) = await StartAsync();
        var ghost = await devices.CreateAsync(Device(site, "ghost", "ghost.invalid"), Admin, CancellationToken.None);
        var named = await devices.CreateAsync(Device(site, "named", "core.example"), Admin, CancellationToken.None);
        var board = _store!.Get<DeviceStatusBoard>();
        await StartMonitorAsync();

        await _time.AdvanceUntilAsync(() => board.Get(ghost.Id).Detail is not null && board.Get(named.Id).Status == DeviceStatus.Up);

        Assert.Equal(DeviceStatus.Unknown, board.Get(ghost.Id).Status);
        Assert.Contains("does not resolve", board.Get(ghost.Id).Detail);
        Assert.DoesNotContain("ghost.invalid", _probe.Calls);
        Assert.Contains("192.0.2.10", _probe.Calls);
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitor is not null)
        {
            await _monitor.StopAsync(CancellationToken.None);
            _monitor.Dispose();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private async Task<(IDeviceStore Devices, long SiteId)> StartAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await _store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var site = await _store.Get<ISiteStore>().CreateAsync(new SiteData("Core", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        return (_store.Get<IDeviceStore>(), site.Id);
    }

    private async Task StartMonitorAsync()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _monitor = new IcmpMonitor(_store!.Get<IDeviceStore>(), _store.Get<InventoryChanges>(), _store.Get<DeviceStatusBoard>(), _probe, _store.Get<SeriesWriter>(),
            Options.Create(new IcmpOptions { FailuresBeforeDown = 2 }), new MonitoringMetrics(meters), _time, NullLogger<IcmpMonitor>.Instance)
        {
            Resolver = new AddressResolver(
                (name, _) => name == "core.example" ? Task.FromResult(new[] { IPAddress.Parse("192.0.2.10") }) : throw new SocketException((int)SocketError.HostNotFound),
                _time, TimeSpan.FromMinutes(5)),
        };
        await _monitor.StartAsync(CancellationToken.None);
    }

    private static async Task<List<(DeviceStatus, DeviceStatus)>> ReadAsync(ChannelReader<StatusChange> changes, int count)
    {
        var read = new List<(DeviceStatus, DeviceStatus)>();
        for (var i = 0; i < count; i++)
        {
            var change = await changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            read.Add((change.From, change.To));
        }

        return read;
    }

    private static DeviceData Device(long siteId, string name, string address) =>
        new(siteId, name, DeviceKind.Switch, null, null, address, [], null, true, 10, 300, DeviceCredentials.None);

    /// <summary>Answers (or not) per address, as the test says; records every address probed.</summary>
    private sealed class ScriptedProbe : IEchoProbe
    {
        public ConcurrentDictionary<string, bool> Answers { get; } = new();

        public ConcurrentQueue<string> Calls { get; } = new();

        public Task<EchoResult> ProbeAsync(EchoRequest request, CancellationToken cancellationToken)
        {
            var address = request.Address.ToString();
            Calls.Enqueue(address);
            return Task.FromResult(Answers.GetValueOrDefault(address, true)
                ? new EchoResult(request.Count, request.Count, 0.4, 0.5, 0.6, 0.1, null)
                : new EchoResult(request.Count, 0, null, null, null, null, null));
        }
    }
}
