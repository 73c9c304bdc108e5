using Sotp.Core.Devices;
using Sotp.Core.Snmp;

namespace Sotp.Core.Tests.Snmp;

public class SnmpVendorsTests
{
    [Theory]
    [InlineData("1.3.6.1.4.1.9.1.2066", "Cisco")]
    [InlineData(".1.3.6.1.4.1.2636.1.1.1.2.29", "Juniper")]
    [InlineData("1.3.6.1.4.1.30065.1.3011.7048.427.3648", "Arista")]
    [InlineData("1.3.6.1.4.1.11.2.3.7.11.181", "HPE")]
    [InlineData("1.3.6.1.4.1.47196.4.1.1.1.100", "HPE")]
    [InlineData("1.3.6.1.4.1.14988.1", "MikroTik")]
    [InlineData("1.3.6.1.4.1.12356.101.1.3002", "Fortinet")]
    [InlineData("1.3.6.1.4.1.8072.3.2.10", "Net-SNMP")]
    [InlineData("1.3.6.1.4.1.311.1.1.3.1.2", "Microsoft")]
    public void AKnownEnterpriseNumber_NamesItsMaker(string sysObjectId, string vendor) =>
        Assert.Equal(vendor, SnmpVendors.FromSysObjectId(sysObjectId)?.Name);

    [Theory]
    [InlineData("1.3.6.1.4.1.12356.101.1.3002", DeviceKind.Firewall)]
    [InlineData("1.3.6.1.4.1.14988.1", DeviceKind.Router)]
    [InlineData("1.3.6.1.4.1.8072.3.2.10", DeviceKind.Server)]
    public void AMakerOfOneKind_SaysTheKind(string sysObjectId, DeviceKind kind) =>
        Assert.Equal(kind, SnmpVendors.FromSysObjectId(sysObjectId)?.Kind);

    [Fact]
    public void AMakerOfManyKinds_LeavesTheKindOpen() =>
        Assert.Null(SnmpVendors.FromSysObjectId("1.3.6.1.4.1.9.1.2066")!.Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.3.6.1.2.1.1")]
    [InlineData("1.3.6.1.4.1.")]
    [InlineData("1.3.6.1.4.1.99999999999")]
    [InlineData("1.3.6.1.4.1.424242.1")]
    [InlineData("1.3.6.1.4.10.9.1")]
    public void AnythingElse_IsUnknown_NeverGuessed(string? sysObjectId) =>
        Assert.Null(SnmpVendors.FromSysObjectId(sysObjectId));

    [Fact]
    public void TheEnterpriseNumber_IsTheArcAfterEnterprises() =>
        Assert.Equal(424242u, SnmpVendors.EnterpriseNumber("1.3.6.1.4.1.424242.7.1"));
}
