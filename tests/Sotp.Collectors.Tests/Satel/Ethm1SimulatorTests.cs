using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>
/// The simulator against the protocol description, through a raw socket and the codec: if these hold, tests of the
/// client against the simulator say something about real modules.
/// </summary>
public sealed partial class Ethm1SimulatorTests : IAsyncLifetime
{
    private static readonly byte[] Code1234 = SatelEncoding.UserCode("1234");
    private static readonly byte[] Partition1 = SatelEncoding.Set([1], 4);

    private readonly Ethm1Simulator _simulator = new();
    private RawModuleConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _simulator.Panel.AddUser("1234", 1, 2);
        _connection = await RawModuleConnection.OpenAsync(_simulator.Port);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task ZoneViolation_IsA16ByteSet_LeastSignificantBitFirst()
    {
        foreach (var zone in new[] { 1, 3, 62, 120 })
        {
            _simulator.Panel.ViolateZone(zone);
        }

        var answer = await _connection.AskAsync(0x00);

        Assert.Equal(new SatelFrame(0x00, SatelCodecTests.Hex("05 00 00 00 00 00 00 20 00 00 00 00 00 00 80 00")), answer);
    }

    [Fact]
    public async Task ZoneTamper_AndZoneAlarm_AreTheirOwnCommands()
    {
        _simulator.Panel.TamperZone(5);
        _simulator.Panel.RaiseAlarm(1, zone: 7);

        Assert.Equal([5], SatelEncoding.Numbers((await _connection.AskAsync(0x01)).Data));
        Assert.Equal([7], SatelEncoding.Numbers((await _connection.AskAsync(0x02)).Data));
        Assert.Equal([7], SatelEncoding.Numbers((await _connection.AskAsync(0x04)).Data));
        Assert.Empty(SatelEncoding.Numbers((await _connection.AskAsync(0x00)).Data));
    }

    [Fact]
    public async Task ZoneSets_Are32Bytes_WhenAskedWithAnExtraZero_OnA256Panel()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { Supports256 = true, PanelType = 72 });
        simulator.Panel.ViolateZone(200);
        await using var connection = await RawModuleConnection.OpenAsync(simulator.Port);

        var wide = await connection.AskAsync(0x00, 0x00);
        var narrow = await connection.AskAsync(0x00);

        Assert.Equal(32, wide.Data.Length);
        Assert.Equal([200], SatelEncoding.Numbers(wide.Data));
        Assert.Equal(new byte[16], narrow.Data);
        Assert.Equal(1, (await connection.AskAsync(0x7C)).Data[11] & 1);
    }

    [Fact]
    public async Task PartitionAlarm_EntryAndExitTime_AreFourByteSets()
    {
        _simulator.Panel.RaiseAlarm(2);
        _simulator.Panel.StartEntryTime(3);
        _simulator.Panel.StartExitTime(29);

        Assert.Equal(new SatelFrame(0x13, SatelCodecTests.Hex("02 00 00 00")), await _connection.AskAsync(0x13));
        Assert.Equal(new SatelFrame(0x0E, SatelCodecTests.Hex("04 00 00 00")), await _connection.AskAsync(0x0E));
        Assert.Equal(new SatelFrame(0x0F, SatelCodecTests.Hex("00 00 00 10")), await _connection.AskAsync(0x0F));
    }

    [Fact]
    public async Task PartitionsWithViolatedZones_FollowTheZonesAssignment()
    {
        _simulator.Panel.AssignZone(9, 2);
        _simulator.Panel.ViolateZone(9);

        Assert.Equal([2], SatelEncoding.Numbers((await _connection.AskAsync(0x25)).Data));
    }

    [Fact]
    public async Task Outputs_AreA16ByteSet()
    {
        _simulator.Panel.SetOutput(3, on: true);
        _simulator.Panel.SetOutput(128, on: true);

        var answer = await _connection.AskAsync(0x17);

        Assert.Equal(16, answer.Data.Length);
        Assert.Equal([3, 128], SatelEncoding.Numbers(answer.Data));
    }

    [Fact]
    public async Task TroubleParts_HaveTheDocumentedSizes_AndCarryTheScriptedBit()
    {
        _simulator.Panel.AddTrouble(part: 3, bit: 10);

        var parts = new List<SatelFrame>();
        for (byte command = 0x1B; command <= 0x1F; command++)
        {
            parts.Add(await _connection.AskAsync(command));
        }

        Assert.Equal([47, 26, 60, 30, 31], parts.Select(p => p.Data.Length));
        Assert.Equal([0x1B, 0x1C, 0x1D, 0x1E, 0x1F], parts.Select(p => (int)p.Command));
        Assert.Equal([10], SatelEncoding.Numbers(parts[2].Data));
        Assert.All(parts.Where(p => p.Command != 0x1D), p => Assert.All(p.Data, b => Assert.Equal(0, b)));
    }

    [Fact]
    public async Task NewDataFlags_AreFiveBytes_AndMarkEveryUnreadState_AtFirst()
    {
        var flags = await _connection.AskAsync(0x7F);

        Assert.Equal(5, flags.Data.Length);
        var flagged = SatelEncoding.Numbers(flags.Data).Select(n => n - 1).ToList();
        Assert.Contains(0x00, flagged);
        Assert.Contains(0x0A, flagged);
        Assert.Contains(0x17, flagged);
        Assert.Contains(0x1F, flagged);
        Assert.DoesNotContain(0x1A, flagged);
    }

    [Fact]
    public async Task NewDataFlag_IsSetByAChange_AndClearedByReadingThatCommand()
    {
        var flagged = await ReadEverythingFlaggedAsync();
        Assert.Empty(flagged);

        _simulator.Panel.ViolateZone(4);
        var afterChange = await FlaggedCommandsAsync();
        await _connection.AskAsync(0x00);
        var afterRead = await FlaggedCommandsAsync();

        Assert.Equal([0x00], afterChange);
        Assert.Empty(afterRead);
    }

    [Fact]
    public async Task NewDataFlag_IsClearedWhenAChangeIsUndoneBeforeTheRead()
    {
        await ReadEverythingFlaggedAsync();

        _simulator.Panel.ViolateZone(4);
        _simulator.Panel.RestoreZone(4);

        // "Changed since last read" compares with what the client saw, not with every step in between.
        Assert.Empty(await FlaggedCommandsAsync());
    }

    [Fact]
    public async Task PanelType_IsTypeVersionLanguageAndFlashFlag()
    {
        var answer = await _connection.AskAsync(0x7E);

        Assert.Equal(14, answer.Data.Length);
        Assert.Equal(67, answer.Data[0]);
        Assert.Equal("11820190321", Encoding.ASCII.GetString(answer.Data, 1, 11));
    }

    [Fact]
    public async Task ModuleVersion_IsElevenCharactersAndAFlagsByte()
    {
        var answer = await _connection.AskAsync(0x7C);

        Assert.Equal(12, answer.Data.Length);
        Assert.Equal("11120180615", Encoding.ASCII.GetString(answer.Data, 0, 11));
        Assert.Equal(0, answer.Data[11] & 1);
    }

    [Fact]
    public async Task Names_AreSixteenSpacePaddedBytes_AfterTypeNumberAndFunction()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 12, "Garaż", function: 3);
        _simulator.Panel.Name(SatelNameKind.Partition, 256, "Biuro");

        var zone = await _connection.AskAsync(0xEE, 1, 12);
        var partition = await _connection.AskAsync(0xEE, 0, 0);

        Assert.Equal([1, 12, 3], zone.Data[..3]);
        Assert.Equal(16, zone.Data.Length - 3);
        Assert.Equal(0xBF, zone.Data[3 + 4]);
        Assert.Equal("Garaż", SatelText.DecodeName(zone.Data.AsSpan(3)));
        Assert.Equal("Biuro", SatelText.DecodeName(partition.Data.AsSpan(3)));
    }

    [Fact]
    public async Task AnUnknownName_IsRefusedWithAResult()
    {
        Assert.Equal(new SatelFrame(0xEF, [0x08]), await _connection.AskAsync(0xEE, 1, 99));
    }

    [Fact]
    public async Task AFrameWithABadChecksum_IsIgnored()
    {
        var corrupt = new SatelFrame(0x7E, []).Encode();
        corrupt[^3] ^= 0x01;

        await _connection.SendRawAsync(corrupt);
        var answer = await _connection.AskAsync(0x7C);

        // The first frame back answers the second request: the corrupt one got nothing.
        Assert.Equal(0x7C, answer.Command);
        Assert.Equal(1, _simulator.FramesReceived);
    }

    [Fact]
    public async Task ASecondClient_IsToldBusy_AndClosed_WhileTheFirstKeepsWorking()
    {
        await _connection.AskAsync(0x7F);

        await using var second = await RawModuleConnection.OpenAsync(_simulator.Port);
        var bytes = await second.ReadUntilClosedAsync();

        Assert.Equal(SatelCodecTests.Hex("10 42 75 73 79 21 0D 0A"), bytes);
        Assert.IsType<SatelDecoded.Busy>(Assert.Single(new SatelFrameDecoder().Feed(bytes)));
        Assert.Equal(0x7E, (await _connection.AskAsync(0x7E)).Command);
    }

    [Fact]
    public async Task AfterTheFirstClientLeaves_TheNextOneIsServed()
    {
        await _connection.AskAsync(0x7F);
        await _connection.DisposeAsync();
        await _simulator.WaitUntilFreeAsync();

        await using var next = await RawModuleConnection.OpenAsync(_simulator.Port);

        Assert.Equal(0x7F, (await next.AskAsync(0x7F)).Command);
        Assert.Equal(0, _simulator.BusyRefusals);
    }

    [Fact]
    public async Task AnIdleConnection_IsDropped_AfterTheIdleTimeout_AndEachFrameRestartsTheClock()
    {
        var time = new FakeTimeProvider();
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { TimeProvider = time });
        await using var connection = await RawModuleConnection.OpenAsync(simulator.Port);
        await connection.AskAsync(0x7F);

        time.Advance(TimeSpan.FromSeconds(24));
        await connection.AskAsync(0x7F);
        time.Advance(TimeSpan.FromSeconds(24));
        await connection.AskAsync(0x7F);
        Assert.Equal(0, simulator.IdleDrops);

        time.Advance(TimeSpan.FromSeconds(25));

        Assert.Empty(await connection.ReadUntilClosedAsync());
        Assert.Equal(1, simulator.IdleDrops);
    }

    [Fact]
    public async Task ASilentModule_ReadsFrames_ButAnswersNone()
    {
        _simulator.Silent = true;
        await _connection.SendAsync(0x7F);
        await WaitUntilAsync(() => _simulator.FramesReceived == 1);

        _simulator.Silent = false;
        var answer = await _connection.AskAsync(0x7E);

        Assert.Equal(0x7E, answer.Command);
        Assert.Equal(1, _simulator.AnswersSent);
    }

    [Fact]
    public async Task ASlowModule_AnswersOnlyWhenItsDelayHasPassed()
    {
        var time = new FakeTimeProvider();
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { TimeProvider = time }) { ResponseDelay = TimeSpan.FromSeconds(2) };
        await using var connection = await RawModuleConnection.OpenAsync(simulator.Port);

        await connection.SendAsync(0x7F);
        await WaitUntilAsync(() => simulator.FramesReceived == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        var sentBeforeTheDelay = simulator.AnswersSent;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0x7F, (await connection.ReceiveFrameAsync()).Command);
        Assert.Equal(0, sentBeforeTheDelay);
    }

    private async Task<List<int>> FlaggedCommandsAsync() =>
        [.. SatelEncoding.Numbers((await _connection.AskAsync(0x7F)).Data).Select(n => n - 1)];

    /// <summary>Reads every flagged command once, as a poller would, and returns the flags left afterwards.</summary>
    private async Task<List<int>> ReadEverythingFlaggedAsync()
    {
        foreach (var command in await FlaggedCommandsAsync())
        {
            await _connection.AskAsync((byte)command);
        }

        return await FlaggedCommandsAsync();
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
