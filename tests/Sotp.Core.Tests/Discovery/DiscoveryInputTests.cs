using Sotp.Core.Devices;
using Sotp.Core.Discovery;
using Sotp.Core.Errors;

namespace Sotp.Core.Tests.Discovery;

public class DiscoveryInputTests
{
    private static readonly DeviceCredentials V2c = new(SnmpVersion.V2c, 7);

    [Theory]
    [InlineData("192.0.2.0/29", "192.0.2.0/29", 6, "192.0.2.1", "192.0.2.6")]
    [InlineData("192.0.2.77/24", "192.0.2.0/24", 254, "192.0.2.1", "192.0.2.254")]
    [InlineData("192.0.2.8/31", "192.0.2.8/31", 2, "192.0.2.8", "192.0.2.9")]
    [InlineData("192.0.2.8/32", "192.0.2.8/32", 1, "192.0.2.8", "192.0.2.8")]
    [InlineData("10.0.0.0/22", "10.0.0.0/22", 1022, "10.0.0.1", "10.0.3.254")]
    public void ABlock_GivesItsHostAddresses(string cidr, string normalised, int count, string first, string last)
    {
        var block = new DiscoveryInput(cidr, 1, [V2c]).Validate();

        var hosts = block.Hosts().Select(address => address.ToString()).ToList();
        Assert.Equal((normalised, count, count, first, last), (block.ToString(), (int)block.HostCount(), hosts.Count, hosts[0], hosts[^1]));
    }

    [Fact]
    public void MoreThanASlash22_IsCidrTooLarge()
    {
        var error = Assert.Throws<DomainException>(() => new DiscoveryInput("10.0.0.0/21", 1, [V2c]).Validate());

        Assert.Equal((ErrorCodes.CidrTooLarge, "cidr"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.0/24")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0")]
    [InlineData("::1/128")]
    [InlineData("host.example/24")]
    public void AMalformedBlock_IsAFieldError(string? cidr) =>
        Assert.Contains("cidr", Assert.Throws<ValidationException>(() => new DiscoveryInput(cidr, 1, [V2c]).Validate()).Errors.Keys);

    [Fact]
    public void CredentialSets_NeedAnSnmpVersionAndTheirParts_EachNamedByItsPlace()
    {
        var error = Assert.Throws<ValidationException>(() => new DiscoveryInput("10.0.0.0/24", null,
            [V2c, new DeviceCredentials(SnmpVersion.V3), new DeviceCredentials(SshUser: "x", SshSecretId: 3)]).Validate());

        Assert.Equal(["credentials[1].snmpV3User", "credentials[2].snmpVersion", "siteId"], error.Errors.Keys.Order());
    }

    [Fact]
    public void NoCredentialSets_OrTooMany_IsAFieldError()
    {
        Assert.Contains("credentials", Assert.Throws<ValidationException>(() => new DiscoveryInput("10.0.0.0/24", 1, []).Validate()).Errors.Keys);
        Assert.Contains("credentials", Assert.Throws<ValidationException>(() => new DiscoveryInput("10.0.0.0/24", 1, Enumerable.Repeat(V2c, 6).ToList()).Validate()).Errors.Keys);
    }
}
