using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>Control commands and the release for DLOAD, through the worker, against the simulator.</summary>
public sealed partial class SatelPanelWorkerTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends through the worker; fails the test rather than hang when no outcome comes within 10 real seconds.</summary>
    private Task<SatelCommandOutcome> SendAsync(SatelPanelCommand command) =>
        _worker.SendAsync(command, CommandTimeout).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Arm_IsSentAheadOfThePoll_Acked_AndThePollAfterItReadsThePartitionArmed()
    {
        await StartAsync();

        // Fake time stands still: the command does not wait for the next poll's turn.
        var outcome = await SendAsync(new SatelPanelCommand(SatelCommandKind.Arm, [1], "1234"));
        await AdvanceUntilAsync(() => _worker.Snapshot().Partitions[1] == SatelPartitionStatus.Armed, TimeSpan.Zero);

        Assert.Equal(new SatelCommandOutcome(SatelCommandStatus.Ack, 0x00, "OK"), outcome);
        Assert.Equal(new HashSet<int> { 1 }, _simulator.Panel.Partitions(0x0A));
        Assert.Equal("partition_armed", Assert.Single(_events.Events).Code);
    }

    [Fact]
    public async Task AWrongCode_IsNacked_WithWhatTheResultCodeMeans()
    {
        await StartAsync();

        var outcome = await SendAsync(new SatelPanelCommand(SatelCommandKind.Disarm, [1], "9999"));

        Assert.Equal(new SatelCommandOutcome(SatelCommandStatus.Nack, 0x01, "user code not found"), outcome);
    }

    [Fact]
    public async Task ArmingOverAViolatedZone_IsNacked_AndForceArmArms()
    {
        await StartAsync();
        _simulator.Panel.ViolateZone(3);

        var refused = await SendAsync(new SatelPanelCommand(SatelCommandKind.Arm, [1], "1234"));
        var forced = await SendAsync(new SatelPanelCommand(SatelCommandKind.Arm, [1], "1234", Mode: 2, Force: true));

        Assert.Equal((SatelCommandStatus.Nack, (byte?)0x11, "cannot arm, but force arm is possible"), (refused.Status, refused.ResultCode, refused.Description));
        Assert.Equal(SatelCommandStatus.Ack, forced.Status);
        Assert.Equal(new HashSet<int> { 1 }, _simulator.Panel.Partitions(0x0B));
    }

    [Fact]
    public async Task DisarmAndClearAlarm_AreAcked_AndEndTheAlarm()
    {
        await StartAsync();
        _simulator.Panel.RaiseAlarm(1, zone: 3);
        await AdvanceUntilAsync(() => _worker.Snapshot().Partitions[1] == SatelPartitionStatus.Alarm);

        var disarm = await SendAsync(new SatelPanelCommand(SatelCommandKind.Disarm, [1], "1234"));
        var clear = await SendAsync(new SatelPanelCommand(SatelCommandKind.ClearAlarm, [1], "1234"));
        await AdvanceUntilAsync(() => _worker.Snapshot().Partitions[1] == SatelPartitionStatus.Disarmed, TimeSpan.Zero);

        Assert.Equal((SatelCommandStatus.Ack, SatelCommandStatus.Ack), (disarm.Status, clear.Status));
        Assert.Empty(_simulator.Panel.Partitions(0x15));
    }

    [Fact]
    public async Task Outputs_AreSwitchedOnAndOff()
    {
        await StartAsync();

        var on = await SendAsync(new SatelPanelCommand(SatelCommandKind.OutputsOn, [5, 6], "1234"));
        await AdvanceUntilAsync(() => _worker.Snapshot().Outputs.SetEquals([5, 6]), TimeSpan.Zero);
        var off = await SendAsync(new SatelPanelCommand(SatelCommandKind.OutputsOff, [5], "1234"));
        await AdvanceUntilAsync(() => _worker.Snapshot().Outputs.SetEquals([6]), TimeSpan.Zero);

        Assert.Equal((SatelCommandStatus.Ack, SatelCommandStatus.Ack), (on.Status, off.Status));
    }

    [Fact]
    public async Task ACommand_ForAPanelThatIsNotConnected_TimesOut_AndIsNeverSent()
    {
        var closed = new Ethm1Simulator();
        var port = closed.Port;
        await closed.DisposeAsync();
        Start(port);
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Disconnected, TimeSpan.Zero);

        var sending = _worker.SendAsync(new SatelPanelCommand(SatelCommandKind.Arm, [1], "1234"), CommandTimeout);
        _time.Advance(CommandTimeout);
        var outcome = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SatelCommandStatus.Timeout, outcome.Status);
        Assert.Contains("not sent", outcome.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommand_TheModuleDoesNotAnswer_TimesOut()
    {
        await StartAsync();
        _simulator.Silent = true;

        var outcome = await SendAsync(new SatelPanelCommand(SatelCommandKind.Arm, [1], "1234"));

        Assert.Equal(SatelCommandStatus.Timeout, outcome.Status);
        Assert.Null(outcome.ResultCode);
    }

    [Fact]
    public async Task Release_LetsAnotherClientHaveTheModule_ThenTheWorkerComesBackByItself()
    {
        await StartAsync();
        var releasedAt = _time.GetUtcNow();

        _worker.Release(TimeSpan.FromMinutes(2));
        await _simulator.WaitUntilFreeAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Released, TimeSpan.Zero);
        var installer = await SatelClient.ConnectAsync("127.0.0.1", _simulator.Port);
        var installerGotIn = (await installer.ReadPanelAsync()).Model;
        var refused = await SendAsync(new SatelPanelCommand(SatelCommandKind.Arm, [1], "1234"));
        var released = _worker.Snapshot();
        await installer.DisposeAsync();
        await _simulator.WaitUntilFreeAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Connected);

        Assert.Equal("INTEGRA 128 PLUS", installerGotIn);
        Assert.Equal(SatelCommandStatus.Timeout, refused.Status);
        Assert.Contains("released", refused.Description, StringComparison.Ordinal);
        Assert.Equal(releasedAt + TimeSpan.FromMinutes(2), released.RetryAt);
        Assert.Equal(SatelConnectionStatus.Released, released.Connection);
        Assert.Null(_worker.ReleasedUntil);
        Assert.Equal(0, _simulator.BusyRefusals);
    }
}
