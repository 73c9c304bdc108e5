using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>What the panel says about itself: its type and firmware (0x7E), the module's version (0x7C) and names (0xEE).</summary>
public sealed partial class SatelClientTests
{
    [Fact]
    public async Task Panel_IsReadWithModelAndVersion()
    {
        var panel = await _client.ReadPanelAsync();

        Assert.Equal(new SatelPanelInfo(67, "1.18 2019-03-21", 0, SettingsInFlash: true), panel);
        Assert.Equal("INTEGRA 128 PLUS", panel.Model);
    }

    [Fact]
    public async Task Module_IsReadWithVersionAnd256Flag()
    {
        Assert.Equal(new SatelModuleInfo("1.11 2018-06-15", Supports256: false), await _client.ReadModuleAsync());
    }

    [Fact]
    public async Task Names_AreReadForZonesPartitionsAndOutputs()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 12, "Garaż brama", function: 3);
        _simulator.Panel.Name(SatelNameKind.Partition, 256, "Biuro");
        _simulator.Panel.Name(SatelNameKind.Output, 2, "Syrena zewnętrzna");

        Assert.Equal(new SatelDeviceName(SatelNameKind.Zone, 12, 3, "Garaż brama"), await _client.ReadNameAsync(SatelNameKind.Zone, 12));
        Assert.Equal("Biuro", (await _client.ReadNameAsync(SatelNameKind.Partition, 256))?.Name);
        Assert.Equal("Syrena zewnętrzn", (await _client.ReadNameAsync(SatelNameKind.Output, 2))?.Name);
    }

    [Fact]
    public async Task AZonesName_ComesWithItsPartition_WhenAskedForIt()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi", function: 1);
        _simulator.Panel.AssignZone(3, 2);
        _simulator.Panel.Name(SatelNameKind.Zone, 4, "Okno");

        Assert.Equal(new SatelDeviceName(SatelNameKind.ZoneWithPartition, 3, 1, "Drzwi", 2), await _client.ReadNameAsync(SatelNameKind.ZoneWithPartition, 3));
        Assert.Null((await _client.ReadNameAsync(SatelNameKind.ZoneWithPartition, 4))!.Partition);
    }

    [Fact]
    public async Task ANameAnswer_TooShort_OrAboutAnotherItem_IsAProtocolError_AndTheConnectionGoesOn()
    {
        _simulator.Panel.AnswerNameWith(SatelNameKind.Zone, 3, [0x01, 0x03, 0x00, 0x41, 0x42]);
        _simulator.Panel.AnswerNameWith(SatelNameKind.Zone, 4, [0x01, 0x05, 0x00, .. "Inna strefa     "u8]);

        await Assert.ThrowsAsync<SatelProtocolException>(() => _client.ReadNameAsync(SatelNameKind.Zone, 3));
        await Assert.ThrowsAsync<SatelProtocolException>(() => _client.ReadNameAsync(SatelNameKind.Zone, 4));
        Assert.Equal("INTEGRA 128 PLUS", (await _client.ReadPanelAsync()).Model);
    }

    [Fact]
    public async Task ControlCharactersInAName_AreReplaced_SoNoNulReachesTheStore()
    {
        _simulator.Panel.AnswerNameWith(SatelNameKind.Output, 1, [0x04, 0x01, 0x00, .. "Sy\0e\u0007a          "u8]);

        Assert.Equal("Sy\uFFFDe\uFFFDa", (await _client.ReadNameAsync(SatelNameKind.Output, 1))!.Name);
    }

    [Fact]
    public async Task AName_ThePanelDoesNotHave_IsNull()
    {
        Assert.Null(await _client.ReadNameAsync(SatelNameKind.Zone, 99));
    }
}
