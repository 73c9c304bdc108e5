using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The simulator's names (0xEE) and versions (0x7E, 0x7C), byte for byte as the protocol description lays them out.</summary>
public sealed partial class Ethm1SimulatorTests
{
    [Fact]
    public async Task AZoneWithItsPartition_IsType5_WithThePartitionInATwentiethByte()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi", function: 1);
        _simulator.Panel.AssignZone(3, 2);
        _simulator.Panel.Name(SatelNameKind.Zone, 4, "Okno");

        var assigned = await _connection.AskAsync(0xEE, 5, 3);
        var unassigned = await _connection.AskAsync(0xEE, 5, 4);

        Assert.Equal(new SatelFrame(0xEE, [0x05, 0x03, 0x01, .. "Drzwi           "u8, 0x02]), assigned);
        Assert.Equal(0, unassigned.Data[^1]);
        Assert.Equal(20, unassigned.Data.Length);
    }

    [Fact]
    public async Task OutputAndUserNames_AreTypes4And2_Nineteen_DataBytes()
    {
        _simulator.Panel.Name(SatelNameKind.Output, 7, "Syrena", function: 0x15);
        _simulator.Panel.Name(SatelNameKind.User, 1, "Serwis");

        Assert.Equal(new SatelFrame(0xEE, [0x04, 0x07, 0x15, .. "Syrena          "u8]), await _connection.AskAsync(0xEE, 4, 7));
        Assert.Equal(new SatelFrame(0xEE, [0x02, 0x01, 0x00, .. "Serwis          "u8]), await _connection.AskAsync(0xEE, 2, 1));
    }

    [Fact]
    public async Task PolishLetters_AreWindows1250()
    {
        _simulator.Panel.Name(SatelNameKind.Partition, 1, "Łódź ŚĆ");

        var answer = await _connection.AskAsync(0xEE, 0, 1);

        // Ł A3, ó F3, d, ź 9F, space, Ś 8C, Ć C6 in code page 1250.
        Assert.Equal(SatelCodecTests.Hex("A3 F3 64 9F 20 8C C6"), answer.Data[3..10]);
    }

    [Fact]
    public async Task OlderFirmware_RefusesZonesWithTheirPartition_ButNamesThemThePlainWay()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { ZoneNamesWithPartition = false });
        simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi");
        await using var connection = await RawModuleConnection.OpenAsync(simulator.Port);

        Assert.Equal(new SatelFrame(0xEF, [0x08]), await connection.AskAsync(0xEE, 5, 3));
        Assert.Equal(0x01, (await connection.AskAsync(0xEE, 1, 3)).Data[0]);
    }

    [Fact]
    public async Task ANameRequestOfTheWrongLength_IsRefused()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi");

        Assert.Equal(new SatelFrame(0xEF, [0x08]), await _connection.AskAsync(0xEE, 1));
        Assert.Equal(new SatelFrame(0xEF, [0x08]), await _connection.AskAsync(0xEE, 1, 3, 0));
    }

    [Fact]
    public async Task AScriptedNameAnswer_IsSentAsItIs_InAValidFrame()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi");
        _simulator.Panel.AnswerNameWith(SatelNameKind.Zone, 3, [0x01, 0x03, 0x00, 0x41]);

        Assert.Equal(new SatelFrame(0xEE, [0x01, 0x03, 0x00, 0x41]), await _connection.AskAsync(0xEE, 1, 3));
    }

    [Fact]
    public async Task PanelTypeAndModuleVersion_AreTheConfiguredBytes()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions
        {
            PanelType = 72, PanelVersion = "12120230105", Language = 1, ModuleVersion = "20220221130", Supports256 = true,
        });
        await using var connection = await RawModuleConnection.OpenAsync(simulator.Port);

        Assert.Equal(new SatelFrame(0x7E, [72, .. "12120230105"u8, 0x01, 0x01]), await connection.AskAsync(0x7E));
        Assert.Equal(new SatelFrame(0x7C, [.. "20220221130"u8, 0x01]), await connection.AskAsync(0x7C));
    }
}
