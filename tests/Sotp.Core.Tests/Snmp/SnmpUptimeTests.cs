using Sotp.Core.Snmp;

namespace Sotp.Core.Tests.Snmp;

public class SnmpUptimeTests
{
    private static readonly DateTimeOffset Then = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void UptimeThatGrew_IsNoReboot() => Assert.False(SnmpUptime.Rebooted(1000, Then, 31_000, Then.AddMinutes(5)));

    [Fact]
    public void UptimeThatWentBack_IsAReboot() => Assert.True(SnmpUptime.Rebooted(9_000_000, Then, 1_500, Then.AddMinutes(5)));

    [Fact]
    public void UptimeThatWrappedAt497Days_IsNoReboot() =>
        // 100 ticks below 2^32, five minutes (30,000 ticks) later it reads 29,900.
        Assert.False(SnmpUptime.Rebooted(uint.MaxValue - 99, Then, 29_900, Then.AddMinutes(5)));

    [Fact]
    public void AMissingUptime_IsNoReboot() => Assert.False(SnmpUptime.Rebooted(null, Then, 5, Then.AddMinutes(5)));
}
