using Sotp.Core.Devices;

namespace Sotp.Core.Tests.Devices;

public class DeviceAddressTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", null)]
    [InlineData("10.0.0.5:10004", "10.0.0.5", 10004)]
    [InlineData(" panel.site.example:7095 ", "panel.site.example", 7095)]
    [InlineData("[fd00::5]:7100", "fd00::5", 7100)]
    [InlineData("[fd00::5]", "fd00::5", null)]
    [InlineData("fd00::5", "fd00::5", null)]
    public void AnAddress_SplitsIntoHostAndPort(string address, string host, int? port)
    {
        Assert.True(DeviceAddress.TrySplit(address, out var splitHost, out var splitPort, out var error));
        Assert.Equal((host, port), (splitHost, splitPort));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":7094")]
    [InlineData("10.0.0.5:")]
    [InlineData("10.0.0.5:0")]
    [InlineData("10.0.0.5:70000")]
    [InlineData("10.0.0.5:port")]
    [InlineData("[fd00::5")]
    [InlineData("[fd00::5]x")]
    public void ABrokenAddress_IsRefusedWithAReason(string address)
    {
        Assert.False(DeviceAddress.TrySplit(address, out _, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void AnAlarmPanel_MayCarryItsModulesPort_OtherDevicesMayNot()
    {
        var (panel, panelErrors) = new DeviceInput(1, "panel", "ALARM_PANEL", "10.0.0.5:10004").Validate();
        var (_, switchErrors) = new DeviceInput(1, "switch", "SWITCH", "10.0.0.5:10004").Validate();
        var (_, badPanelErrors) = new DeviceInput(1, "panel", "ALARM_PANEL", "10.0.0.5:99999").Validate();

        Assert.Empty(panelErrors);
        Assert.Equal("10.0.0.5:10004", panel!.Address);
        Assert.Contains("address", switchErrors.Keys);
        Assert.Contains("address", badPanelErrors.Keys);
    }
}
