using Sotp.Core.Devices;

namespace Sotp.Core.Tests.Devices;

public class DeviceInputTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1ff:fe23:4567:890a")]
    [InlineData("core-sw1.gdansk.example.net")]
    [InlineData("localhost")]
    public void IsAddress_AcceptsIpAddressesAndHostNames(string address)
    {
        Assert.True(DeviceInput.IsAddress(address));
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("999.1.1.1")]
    [InlineData("10.0.0.1:161")]
    [InlineData("-leading.example")]
    [InlineData("under_score.example")]
    [InlineData("space in.name")]
    [InlineData("")]
    public void IsAddress_RefusesWhatNoPollerCouldReach(string address)
    {
        Assert.False(DeviceInput.IsAddress(address));
    }

    [Fact]
    public void Validate_FillsThePollingDefaults()
    {
        var (data, errors) = new DeviceInput(1, "sw1", "SWITCH", "10.0.0.1").Validate();

        Assert.Empty(errors);
        Assert.Equal(30, data!.IcmpIntervalSeconds);
        Assert.Equal(300, data.SnmpIntervalSeconds);
        Assert.True(data.Enabled);
    }

    [Fact]
    public void Validate_ReportsEveryBadFieldAtOnce()
    {
        var (_, errors) = new DeviceInput(null, "", "TOASTER", "10.1", Tags: ["ok", "not ok"], IcmpIntervalSeconds: 1, SnmpIntervalSeconds: 5, ParentId: 0).Validate();

        Assert.Equal(["address", "icmpIntervalSeconds", "kind", "name", "parentId", "siteId", "snmpIntervalSeconds", "tags"], errors.Keys.Order());
    }
}
