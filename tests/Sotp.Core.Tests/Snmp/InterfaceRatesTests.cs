using Sotp.Core.Snmp;

namespace Sotp.Core.Tests.Snmp;

public class InterfaceRatesTests
{
    private const ulong HundredMegabit = 100_000_000;
    private static readonly DateTimeOffset Then = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Then.AddSeconds(10);

    [Fact]
    public void OctetsThatGrew_GiveBitsPerSecond() =>
        // 1,250,000 octets in 10 s = 1 Mbit/s.
        Assert.Equal(1_000_000, InterfaceRates.BitsPerSecond(new SnmpCounter(0, 64), Then, new SnmpCounter(1_250_000, 64), Later, HundredMegabit));

    [Fact]
    public void ARateJustAboveTheSpeed_IsCappedAtTheSpeed() =>
        // 105 Mbit/s on a 100 Mbit/s link: our clock and the agent's sampling differ a little, the link was full.
        Assert.Equal(HundredMegabit, InterfaceRates.BitsPerSecond(new SnmpCounter(0, 64), Then, new SnmpCounter(131_250_000, 64), Later, HundredMegabit));

    [Fact]
    public void ARateFarAboveTheSpeed_IsNoRate_NotASpike() =>
        // A 32-bit counter reset (5 after 10) read as a wrap would claim ~3.4 Gbit/s on a 100 Mbit/s link.
        Assert.Null(InterfaceRates.BitsPerSecond(new SnmpCounter(10, 32), Then, new SnmpCounter(5, 32), Later, HundredMegabit));

    [Fact]
    public void A32BitWrapWithinTheSpeed_IsCountedAcrossTheWrap() =>
        // 10 below the top, then 1,249,990 past zero: 1,250,000 octets in 10 s.
        Assert.Equal(1_000_000, InterfaceRates.BitsPerSecond(new SnmpCounter(uint.MaxValue - 9, 32), Then, new SnmpCounter(1_249_990, 32), Later, HundredMegabit));

    [Fact]
    public void A32BitCounterThatCouldWrapTwiceBetweenPolls_GivesNoRate() =>
        // At 1 Gbit/s a Counter32 of octets wraps every 34 s; over five minutes one wrap and eight look the same.
        Assert.Null(InterfaceRates.BitsPerSecond(new SnmpCounter(0, 32), Then, new SnmpCounter(1_250_000, 32), Then.AddMinutes(5), 1_000_000_000));

    [Fact]
    public void A64BitCounterThatWentDown_WasReset_AndGivesNoRate() =>
        Assert.Null(InterfaceRates.BitsPerSecond(new SnmpCounter(5_000_000, 64), Then, new SnmpCounter(10, 64), Later, HundredMegabit));

    [Fact]
    public void AnUnknownSpeed_CapsNothing() =>
        Assert.Equal(80_000_000_000, InterfaceRates.BitsPerSecond(new SnmpCounter(0, 64), Then, new SnmpCounter(100_000_000_000, 64), Later, null));

    [Fact]
    public void CountersOfDifferentWidths_AreNotCompared() =>
        // The agent started giving HC counters: a 64-bit value minus a 32-bit one means nothing.
        Assert.Null(InterfaceRates.BitsPerSecond(new SnmpCounter(100, 32), Then, new SnmpCounter(5_000_000_000, 64), Later, HundredMegabit));

    [Fact]
    public void AMissingReading_GivesNoRate() =>
        Assert.Null(InterfaceRates.PerSecond(null, Then, new SnmpCounter(10, 32), Later));

    [Theory]
    [InlineData(100_000_000ul, 100ul, 100_000_000ul)]
    [InlineData(4_294_967_295ul, 10_000ul, 10_000_000_000ul)]
    [InlineData(null, 25_000ul, 25_000_000_000ul)]
    [InlineData(10_000_000ul, null, 10_000_000ul)]
    [InlineData(0ul, 0ul, null)]
    [InlineData(null, null, null)]
    public void TheSpeed_ComesFromIfHighSpeedWhenIfSpeedIsSaturatedOrMissing(ulong? ifSpeed, ulong? ifHighSpeed, ulong? expected) =>
        Assert.Equal(expected, InterfaceRates.SpeedBps(ifSpeed, ifHighSpeed));
}
