using CsCheck;
using Sotp.Core.Series;

namespace Sotp.Core.Tests.Series;

public class CounterRateTests
{
    private static readonly DateTimeOffset Then = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Then.AddSeconds(10);

    [Fact]
    public void ACounterThatGrew_GivesItsRate() =>
        Assert.Equal(100, CounterRate.PerSecond(1000, Then, 2000, Later, bits: 64, maxPerSecond: null));

    [Fact]
    public void A32BitCounterThatWrapped_CountsAcrossTheWrap() =>
        // 10 below the top, then 990 past zero: 1,000 in 10 s.
        Assert.Equal(100, CounterRate.PerSecond(uint.MaxValue - 9, Then, 990, Later, bits: 32, maxPerSecond: null));

    [Fact]
    public void A64BitCounterThatWentDown_WasReset_AndGivesNoRate() =>
        Assert.Null(CounterRate.PerSecond(5_000_000, Then, 10, Later, bits: 64, maxPerSecond: null));

    [Fact]
    public void A32BitWrapFasterThanTheInterfaceCanGo_IsAReset() =>
        // A reset that looks like a wrap would claim ~430 MB/s on a 100 Mbit/s link.
        Assert.Null(CounterRate.PerSecond(10, Then, 5, Later, bits: 32, maxPerSecond: 100_000_000 / 8.0));

    [Fact]
    public void NoTimeBetweenReadings_GivesNoRate() =>
        Assert.Null(CounterRate.PerSecond(1, Then, 2, Then, bits: 64, maxPerSecond: null));

    [Fact]
    public void OtherWidths_AreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CounterRate.PerSecond(1, Then, 2, Later, bits: 16, maxPerSecond: null));

    [Fact]
    public void AnyTwo32BitReadings_GiveARateThatIsNeverNegative_NorAboveTheCap() =>
        Gen.Select(Gen.UInt, Gen.UInt, Gen.Int[1, 3600]).Sample((previous, current, seconds) =>
        {
            var rate = CounterRate.PerSecond(previous, Then, current, Then.AddSeconds(seconds), bits: 32, maxPerSecond: 1e6);
            return rate is null or (>= 0 and <= 1e6);
        });
}
