using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

public class SatelEndpointTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", 7094)]
    [InlineData("10.0.0.5:10004", "10.0.0.5", 10004)]
    [InlineData(" panel.site.example:7095 ", "panel.site.example", 7095)]
    [InlineData("[fd00::5]:7100", "fd00::5", 7100)]
    [InlineData("[fd00::5]", "fd00::5", 7094)]
    [InlineData("fd00::5", "fd00::5", 7094)]
    [InlineData("panel.example", "panel.example", 7094)]
    public void AnAddress_GivesHostAndPort_TheFactoryPort7094ByDefault(string address, string host, int port)
    {
        Assert.True(SatelEndpoint.TryParse(address, out var endpoint, out var error));
        Assert.Equal(new SatelEndpoint(host, port), endpoint);
        Assert.Null(error);
    }

    [Fact]
    public void ABrokenPort_IsRefusedWithAReason()
    {
        Assert.False(SatelEndpoint.TryParse("10.0.0.5:70000", out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void AnIPv6Endpoint_IsWrittenInBrackets()
    {
        Assert.Equal("[fd00::5]:7094", new SatelEndpoint("fd00::5", 7094).ToString());
    }
}
