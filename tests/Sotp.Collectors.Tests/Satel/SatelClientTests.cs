using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The client against the simulated ETHM-1 over real TCP on loopback.</summary>
public sealed partial class SatelClientTests : IAsyncLifetime
{
    private const string Code = "1234";

    private readonly Ethm1Simulator _simulator = new();
    private SatelClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator.Panel.AddUser(Code, 1, 2);
        _client = await ConnectAsync(_simulator);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task NewData_ListsChangedCommands_AndReadingOneClearsIt()
    {
        foreach (var command in await _client.ReadNewDataAsync())
        {
            await _client.RequestAsync(new SatelFrame(command, []));
        }

        _simulator.Panel.ViolateZone(3);
        _simulator.Panel.RaiseAlarm(2);
        var changed = await _client.ReadNewDataAsync();
        await _client.ReadZonesAsync(SatelZoneQuery.Violation);
        var afterRead = await _client.ReadNewDataAsync();

        Assert.Equal(new HashSet<byte> { 0x00, 0x13, 0x15 }, changed);
        Assert.Equal(new HashSet<byte> { 0x13, 0x15 }, afterRead);
    }

    [Fact]
    public async Task Zones_AreReadAsSetsOfZoneNumbers()
    {
        _simulator.Panel.ViolateZone(1);
        _simulator.Panel.ViolateZone(120);
        _simulator.Panel.TamperZone(64);
        _simulator.Panel.RaiseAlarm(1, zone: 9);

        Assert.Equal(new HashSet<int> { 1, 120 }, await _client.ReadZonesAsync(SatelZoneQuery.Violation));
        Assert.Equal(new HashSet<int> { 64 }, await _client.ReadZonesAsync(SatelZoneQuery.Tamper));
        Assert.Equal(new HashSet<int> { 9 }, await _client.ReadZonesAsync(SatelZoneQuery.Alarm));
        Assert.Equal(new HashSet<int> { 9 }, await _client.ReadZonesAsync(SatelZoneQuery.AlarmMemory));
        Assert.Empty(await _client.ReadZonesAsync(SatelZoneQuery.Bypassed));
    }

    [Fact]
    public async Task LargeSets_ReachZonesAbove128_OnA256Panel()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { Supports256 = true, PanelType = 72 });
        simulator.Panel.ViolateZone(250);
        simulator.Panel.SetOutput(200, on: true);
        await using var client = await ConnectAsync(simulator, new SatelClientOptions { LargeSets = true });

        Assert.Equal(new HashSet<int> { 250 }, await client.ReadZonesAsync(SatelZoneQuery.Violation));
        Assert.Equal(new HashSet<int> { 200 }, await client.ReadOutputsAsync());
        Assert.True((await client.ReadModuleAsync()).Supports256);
        Assert.Equal("INTEGRA 256 PLUS", (await client.ReadPanelAsync()).Model);
    }

    [Fact]
    public async Task Partitions_AreReadAsSetsOfPartitionNumbers()
    {
        _simulator.Panel.RaiseAlarm(2);
        _simulator.Panel.StartEntryTime(3);
        _simulator.Panel.StartExitTime(4);
        _simulator.Panel.StartExitTime(5, lessThan10Seconds: true);
        _simulator.Panel.AssignZone(7, 32);
        _simulator.Panel.ViolateZone(7);

        Assert.Equal(new HashSet<int> { 2 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.Alarm));
        Assert.Equal(new HashSet<int> { 3 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.EntryTime));
        Assert.Equal(new HashSet<int> { 4 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.ExitTimeOver10Seconds));
        Assert.Equal(new HashSet<int> { 5 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.ExitTimeUnder10Seconds));
        Assert.Equal(new HashSet<int> { 32 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.WithViolatedZones));
        Assert.Empty(await _client.ReadPartitionsAsync(SatelPartitionQuery.Armed));
    }

    [Fact]
    public async Task Outputs_AreReadAsASet()
    {
        _simulator.Panel.SetOutput(1, on: true);
        _simulator.Panel.SetOutput(100, on: true);

        Assert.Equal(new HashSet<int> { 1, 100 }, await _client.ReadOutputsAsync());
    }

    [Fact]
    public async Task Troubles_ListEachActiveBitWithItsPart()
    {
        _simulator.Panel.AddTrouble(part: 1, bit: 1);
        _simulator.Panel.AddTrouble(part: 5, bit: 248);

        var troubles = await _client.ReadTroublesAsync();

        Assert.Equal([(1, 1), (5, 248)], troubles.Active);
        Assert.Equal([47, 26, 60, 30, 31], troubles.Parts.Select(p => p.Length));
        Assert.True(troubles.Any);
    }

    [Fact]
    public async Task NoTroubles_ReadAsNone()
    {
        var troubles = await _client.ReadTroublesAsync();

        Assert.False(troubles.Any);
        Assert.Empty(troubles.Active);
    }

    [Fact]
    public async Task Arm_WithTheRightCode_Succeeds_AndThePartitionReadsArmed()
    {
        var result = await _client.ArmAsync(Code, [1]);

        Assert.Equal(new SatelCommandResult(SatelResult.Ok), result);
        Assert.True(result.IsSuccess);
        Assert.Equal(new HashSet<int> { 1 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.ReallyArmed));
    }

    [Fact]
    public async Task ArmInMode3_ReadsArmedInMode3()
    {
        await _client.ArmAsync(Code, [2], mode: 3);

        Assert.Equal(new HashSet<int> { 2 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.ArmedMode3));
        Assert.Equal(new HashSet<int> { 2 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.Armed));
    }

    [Fact]
    public async Task Arm_WithAWrongCode_ReturnsUserCodeNotFound_AndArmsNothing()
    {
        var result = await _client.ArmAsync("4321", [1]);

        Assert.Equal(0x01, result.Code);
        Assert.False(result.IsSuccess);
        Assert.Equal("user code not found", result.Description);
        Assert.Empty(await _client.ReadPartitionsAsync(SatelPartitionQuery.Armed));
    }

    [Fact]
    public async Task Arm_OfAnotherUsersPartition_ReturnsNoAccess()
    {
        Assert.Equal(0x02, (await _client.ArmAsync(Code, [5])).Code);
    }

    [Fact]
    public async Task TheCodePrefix_IsSentBeforeTheCode()
    {
        _simulator.Panel.AddUser("975555", 1);
        var client = await ReconnectAsync(new SatelClientOptions { CodePrefix = "97" });

        Assert.True((await client.ArmAsync("5555", [1])).IsSuccess);
        Assert.Equal(0x01, (await client.ArmAsync(Code, [1])).Code);
    }

    [Fact]
    public async Task Arm_WithAViolatedZone_OffersForceArm_AndForceArmArms()
    {
        _simulator.Panel.AssignZone(4, 1);
        _simulator.Panel.ViolateZone(4);

        var arm = await _client.ArmAsync(Code, [1]);
        var force = await _client.ArmAsync(Code, [1], force: true);

        Assert.Equal(0x11, arm.Code);
        Assert.True(force.IsSuccess);
        Assert.Equal(new HashSet<int> { 1 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.ReallyArmed));
    }

    [Fact]
    public async Task Disarm_Disarms()
    {
        await _client.ArmAsync(Code, [1, 2]);

        var result = await _client.DisarmAsync(Code, [2]);

        Assert.True(result.IsSuccess);
        Assert.Equal(new HashSet<int> { 1 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.Armed));
    }

    [Fact]
    public async Task Disarm_WithAWrongCode_LeavesThePartitionArmed()
    {
        await _client.ArmAsync(Code, [1]);

        Assert.Equal(0x01, (await _client.DisarmAsync("0000", [1])).Code);
        Assert.Equal(new HashSet<int> { 1 }, await _client.ReadPartitionsAsync(SatelPartitionQuery.Armed));
    }

    [Fact]
    public async Task ClearAlarm_ClearsTheAlarmAndItsMemory()
    {
        _simulator.Panel.RaiseAlarm(1);

        var result = await _client.ClearAlarmAsync(Code, [1]);

        Assert.True(result.IsSuccess);
        Assert.Empty(await _client.ReadPartitionsAsync(SatelPartitionQuery.Alarm));
        Assert.Empty(await _client.ReadPartitionsAsync(SatelPartitionQuery.AlarmMemory));
    }

    [Fact]
    public async Task Outputs_AreSwitchedOnAndOff()
    {
        var on = await _client.SwitchOutputsAsync(Code, [5, 6], on: true);
        var afterOn = await _client.ReadOutputsAsync();
        var off = await _client.SwitchOutputsAsync(Code, [5], on: false);
        var afterOff = await _client.ReadOutputsAsync();

        Assert.True(on.IsSuccess && off.IsSuccess);
        Assert.Equal(new HashSet<int> { 5, 6 }, afterOn);
        Assert.Equal(new HashSet<int> { 6 }, afterOff);
    }

    [Fact]
    public async Task Outputs_WithAWrongCode_AreRefused()
    {
        Assert.Equal(0x01, (await _client.SwitchOutputsAsync("0000", [5], on: true)).Code);
        Assert.Empty(await _client.ReadOutputsAsync());
    }

    [Fact]
    public async Task ConcurrentRequests_AreSentOneAtATime_AndEachGetsItsOwnAnswer()
    {
        _simulator.Panel.ViolateZone(1);
        _simulator.Panel.RaiseAlarm(2);
        _simulator.Panel.SetOutput(3, on: true);

        var zones = Enumerable.Range(0, 10).Select(_ => _client.ReadZonesAsync(SatelZoneQuery.Violation)).ToList();
        var partitions = Enumerable.Range(0, 10).Select(_ => _client.ReadPartitionsAsync(SatelPartitionQuery.Alarm)).ToList();
        var outputs = Enumerable.Range(0, 10).Select(_ => _client.ReadOutputsAsync()).ToList();
        await Task.WhenAll([.. zones, .. partitions, .. outputs]);

        Assert.All(zones, z => Assert.Equal(new HashSet<int> { 1 }, z.Result));
        Assert.All(partitions, p => Assert.Equal(new HashSet<int> { 2 }, p.Result));
        Assert.All(outputs, o => Assert.Equal(new HashSet<int> { 3 }, o.Result));
        Assert.Equal(0, _client.StaleFrames);
    }

    [Fact]
    public async Task ASecondClient_GetsBusy_WhileTheFirstHoldsTheConnection()
    {
        await _client.ReadNewDataAsync();

        await using var second = await ConnectAsync(_simulator);

        await Assert.ThrowsAsync<SatelBusyException>(() => second.ReadNewDataAsync());
        Assert.Equal(1, _simulator.BusyRefusals);
        Assert.NotEmpty(await _client.ReadNewDataAsync());
    }

    [Fact]
    public async Task ASilentModule_TimesOut()
    {
        var client = await ReconnectAsync(new SatelClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        _simulator.Silent = true;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.ReadNewDataAsync());

        Assert.Contains("0x7F", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _simulator.FramesReceived);
    }

    [Fact]
    public async Task ALateAnswer_AfterATimeout_IsNotTakenForTheNextRequestsAnswer()
    {
        var time = new FakeTimeProvider();
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { TimeProvider = time, IdleTimeout = TimeSpan.FromDays(1) })
        {
            ResponseDelay = TimeSpan.FromSeconds(5),
        };
        simulator.Panel.ViolateZone(8);
        await using var client = await ConnectAsync(simulator, new SatelClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });

        await Assert.ThrowsAsync<TimeoutException>(() => client.ReadZonesAsync(SatelZoneQuery.Violation));
        simulator.ResponseDelay = TimeSpan.Zero;
        time.Advance(TimeSpan.FromSeconds(5));
        var panel = await client.ReadPanelAsync();

        Assert.Equal(67, panel.Type);
        Assert.Equal(2, simulator.AnswersSent);
        Assert.Equal(1, client.StaleFrames);
    }

    [Fact]
    public async Task AConnectionTheModuleDropped_FailsAsClosed_NotAsBusy()
    {
        var time = new FakeTimeProvider();
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { TimeProvider = time });
        await using var client = await ConnectAsync(simulator);
        await client.ReadNewDataAsync();

        time.Advance(TimeSpan.FromSeconds(25));
        await WaitUntilAsync(() => !client.IsConnected);

        var error = await Assert.ThrowsAnyAsync<IOException>(() => client.ReadNewDataAsync());
        Assert.IsNotType<SatelBusyException>(error);
        Assert.Equal(1, simulator.IdleDrops);
    }

    [Fact]
    public async Task ConnectingToAPortWithNoModule_Fails()
    {
        await using var closed = new Ethm1Simulator();
        var port = closed.Port;
        await closed.DisposeAsync();

        await Assert.ThrowsAnyAsync<SocketException>(() => SatelClient.ConnectAsync("127.0.0.1", port));
    }

    private static Task<SatelClient> ConnectAsync(Ethm1Simulator simulator, SatelClientOptions? options = null) =>
        SatelClient.ConnectAsync("127.0.0.1", simulator.Port, options);

    /// <summary>Replaces the fixture's client with one of other options (the module takes one client at a time).</summary>
    private async Task<SatelClient> ReconnectAsync(SatelClientOptions options)
    {
        await _client.DisposeAsync();
        await _simulator.WaitUntilFreeAsync();
        _client = await ConnectAsync(_simulator, options);
        return _client;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }
}
