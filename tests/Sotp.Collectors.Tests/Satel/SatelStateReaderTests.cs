using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The polling step against the simulator: new-data flags first, then only the reads that changed.</summary>
public sealed class SatelStateReaderTests : IAsyncLifetime
{
    private readonly Ethm1Simulator _simulator = new();
    private readonly SatelPanelState _state = new([1, 2], [1, 2, 3, 4]);
    private SatelClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator.Panel.AddUser("1234", 1, 2);
        _simulator.Panel.AssignZone(3, 1);
        _client = await SatelClient.ConnectAsync("127.0.0.1", _simulator.Port);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task TheFirstRefresh_ReadsEverything_AndLeavesNothingUnknown()
    {
        _simulator.Panel.ViolateZone(2);

        var changes = await _client.RefreshAsync(_state);

        Assert.Equal(2, changes.Partitions.Count);
        Assert.Equal(4, changes.Zones.Count);
        Assert.Equal(SatelPartitionStatus.Disarmed, _state.PartitionStatus(1));
        Assert.Equal(SatelZoneStatus.Violated, _state.ZoneStatus(2));
        Assert.Equal(SatelZoneStatus.Normal, _state.ZoneStatus(1));
    }

    [Fact]
    public async Task ARefreshWithNothingNew_SendsOnlyTheFlagsQuery()
    {
        await _client.RefreshAsync(_state);
        var framesBefore = _simulator.FramesReceived;

        var changes = await _client.RefreshAsync(_state);

        Assert.False(changes.Any);
        Assert.Equal(framesBefore + 1, _simulator.FramesReceived);
    }

    [Fact]
    public async Task AnAlarm_IsReportedAsAChange_OfThePartitionAndTheZone()
    {
        await _client.RefreshAsync(_state);

        _simulator.Panel.RaiseAlarm(1, zone: 3);
        var changes = await _client.RefreshAsync(_state);

        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(1, SatelPartitionStatus.Disarmed, SatelPartitionStatus.Alarm)], changes.Partitions);
        Assert.Equal([new SatelStateChange<SatelZoneStatus>(3, SatelZoneStatus.Normal, SatelZoneStatus.Alarm)], changes.Zones);
    }

    [Fact]
    public async Task ArmingThroughTheClient_ShowsAsArmed_AndDisarmingAsDisarmed()
    {
        await _client.RefreshAsync(_state);

        await _client.ArmAsync("1234", [2]);
        var armed = await _client.RefreshAsync(_state);
        await _client.DisarmAsync("1234", [2]);
        var disarmed = await _client.RefreshAsync(_state);

        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(2, SatelPartitionStatus.Disarmed, SatelPartitionStatus.Armed)], armed.Partitions);
        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(2, SatelPartitionStatus.Armed, SatelPartitionStatus.Disarmed)], disarmed.Partitions);
    }

    [Fact]
    public async Task ExitTimeEndingInArmed_IsOneChangePerStep()
    {
        await _client.RefreshAsync(_state);

        _simulator.Panel.StartExitTime(1);
        await _client.ArmAsync("1234", [1]);
        var exit = await _client.RefreshAsync(_state);
        _simulator.Panel.EndExitTime(1);
        var armed = await _client.RefreshAsync(_state);

        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(1, SatelPartitionStatus.Disarmed, SatelPartitionStatus.ExitTime)], exit.Partitions);
        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(1, SatelPartitionStatus.ExitTime, SatelPartitionStatus.Armed)], armed.Partitions);
    }

    [Fact]
    public async Task AfterTheConnectionIsLost_ForgetMakesTheStateUnknown_AndANewConnectionReadsItAgain()
    {
        await _client.ArmAsync("1234", [1]);
        await _client.RefreshAsync(_state);
        await _client.DisposeAsync();
        _state.Forget();
        await _simulator.WaitUntilFreeAsync();

        _client = await SatelClient.ConnectAsync("127.0.0.1", _simulator.Port);
        var unknownBefore = _state.PartitionStatus(1);
        var changes = await _client.RefreshAsync(_state);

        Assert.Equal(SatelPartitionStatus.Unknown, unknownBefore);
        Assert.Contains(new SatelStateChange<SatelPartitionStatus>(1, SatelPartitionStatus.Unknown, SatelPartitionStatus.Armed), changes.Partitions);
    }
}
