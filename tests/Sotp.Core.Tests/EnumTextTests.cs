using Sotp.Core.Devices;
using Sotp.Core.Sites;
using Sotp.Core.Users;

namespace Sotp.Core.Tests;

public class EnumTextTests
{
    [Theory]
    [InlineData(Role.FieldWorker, "FIELD_WORKER")]
    [InlineData(Role.ReadOnly, "READ_ONLY")]
    [InlineData(Role.Master, "MASTER")]
    public void ToText_WritesUpperSnakeCase(Role role, string expected)
    {
        Assert.Equal(expected, role.ToText());
    }

    [Fact]
    public void EveryMemberOfEveryDomainEnum_RoundTrips()
    {
        AssertRoundTrips<Role>();
        AssertRoundTrips<DeviceKind>();
        AssertRoundTrips<SiteStatus>();
    }

    [Theory]
    [InlineData("field_worker")]
    [InlineData(" FIELD_WORKER ")]
    public void TryParse_IgnoresCaseAndSurroundingSpace(string text)
    {
        Assert.True(EnumText.TryParse<Role>(text, out var role));
        Assert.Equal(Role.FieldWorker, role);
    }

    [Theory]
    [InlineData("FieldWorker")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RefusesAnythingButTheUpperSnakeName(string? text)
    {
        Assert.False(EnumText.TryParse<Role>(text, out _));
    }

    [Fact]
    public void Parse_OfUnknownText_NamesTheAllowedValues()
    {
        var error = Assert.Throws<FormatException>(() => EnumText.Parse<SiteStatus>("OPEN"));

        Assert.Contains("ACTIVE, SERVICE, CLOSED", error.Message);
    }

    private static void AssertRoundTrips<T>() where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.Equal(value, EnumText.Parse<T>(value.ToText()));
        }
    }
}
