using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The simulator's control commands: what each answers, and what it changes in the panel's state.</summary>
public sealed partial class Ethm1SimulatorTests
{
    [Fact]
    public async Task Arm_WithTheRightCode_AnswersOk_AndArmsThePartition()
    {
        var result = await _connection.AskAsync(0x80, [.. Code1234, .. Partition1]);

        Assert.Equal(new SatelFrame(0xEF, [0x00]), result);
        Assert.Equal([1], SatelEncoding.Numbers((await _connection.AskAsync(0x0A)).Data));
        Assert.Equal([1], SatelEncoding.Numbers((await _connection.AskAsync(0x09)).Data));
    }

    [Fact]
    public async Task ArmInMode2_ShowsInTheMode2Set()
    {
        await _connection.AskAsync(0x82, [.. Code1234, .. SatelEncoding.Set([2], 4)]);

        Assert.Equal([2], SatelEncoding.Numbers((await _connection.AskAsync(0x0B)).Data));
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x0C)).Data));
    }

    [Fact]
    public async Task Arm_WithAPrefixedCode_MatchesTheUserWithThatPrefix()
    {
        _simulator.Panel.AddUser("971111", 1);

        var withPrefix = await _connection.AskAsync(0x80, [.. SatelEncoding.UserCode("1111", prefix: "97"), .. Partition1]);
        var withoutPrefix = await _connection.AskAsync(0x80, [.. SatelEncoding.UserCode("1111"), .. Partition1]);

        Assert.Equal([0x00], withPrefix.Data);
        Assert.Equal([0x01], withoutPrefix.Data);
    }

    [Fact]
    public async Task Arm_WithAWrongCode_AnswersUserCodeNotFound_AndArmsNothing()
    {
        var result = await _connection.AskAsync(0x80, [.. SatelEncoding.UserCode("9999"), .. Partition1]);

        Assert.Equal(new SatelFrame(0xEF, [0x01]), result);
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x0A)).Data));
    }

    [Fact]
    public async Task Arm_OfAPartitionTheUserMayNotUse_AnswersNoAccess()
    {
        var result = await _connection.AskAsync(0x80, [.. Code1234, .. SatelEncoding.Set([3], 4)]);

        Assert.Equal([0x02], result.Data);
    }

    [Fact]
    public async Task Arm_WithAViolatedZone_OffersForceArm_WhichArms()
    {
        _simulator.Panel.AssignZone(5, 1);
        _simulator.Panel.ViolateZone(5);

        var arm = await _connection.AskAsync(0x80, [.. Code1234, .. Partition1]);
        var force = await _connection.AskAsync(0xA0, [.. Code1234, .. Partition1]);

        Assert.Equal([0x11], arm.Data);
        Assert.Equal([0x00], force.Data);
        Assert.Equal([1], SatelEncoding.Numbers((await _connection.AskAsync(0x0A)).Data));
    }

    [Fact]
    public async Task Disarm_ClearsArmingAndTheRunningAlarm_ButKeepsTheAlarmMemory()
    {
        await _connection.AskAsync(0x80, [.. Code1234, .. Partition1]);
        _simulator.Panel.RaiseAlarm(1);

        var result = await _connection.AskAsync(0x84, [.. Code1234, .. Partition1]);

        Assert.Equal([0x00], result.Data);
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x0A)).Data));
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x13)).Data));
        Assert.Equal([1], SatelEncoding.Numbers((await _connection.AskAsync(0x15)).Data));
    }

    [Fact]
    public async Task ClearAlarm_ClearsTheAlarmAndItsMemory()
    {
        _simulator.Panel.AssignZone(7, 1);
        _simulator.Panel.RaiseAlarm(1, zone: 7);

        var result = await _connection.AskAsync(0x85, [.. Code1234, .. Partition1]);

        Assert.Equal([0x00], result.Data);
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x13)).Data));
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x15)).Data));
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x02)).Data));
    }

    [Fact]
    public async Task OutputsOnAndOff_AnswerOk_AndSwitchTheOutputs()
    {
        var on = await _connection.AskAsync(0x88, [.. Code1234, .. SatelEncoding.Set([2, 17], 16)]);
        var afterOn = SatelEncoding.Numbers((await _connection.AskAsync(0x17)).Data);
        var off = await _connection.AskAsync(0x89, [.. Code1234, .. SatelEncoding.Set([2], 16)]);
        var afterOff = SatelEncoding.Numbers((await _connection.AskAsync(0x17)).Data);

        Assert.Equal([0x00], on.Data);
        Assert.Equal([0x00], off.Data);
        Assert.Equal([2, 17], afterOn);
        Assert.Equal([17], afterOff);
    }

    [Fact]
    public async Task Outputs_WithAWrongCode_AnswerUserCodeNotFound()
    {
        var result = await _connection.AskAsync(0x88, [.. SatelEncoding.UserCode("0000"), .. SatelEncoding.Set([2], 16)]);

        Assert.Equal([0x01], result.Data);
        Assert.Empty(_simulator.Panel.Outputs);
    }
}
