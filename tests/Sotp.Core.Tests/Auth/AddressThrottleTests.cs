using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Auth;

namespace Sotp.Core.Tests.Auth;

public class AddressThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FiveFailuresWithinAMinute_BlockTheAddressForAMinute()
    {
        var throttle = new AddressThrottle(_time);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(throttle.IsBlocked("10.0.0.9", out _));
            throttle.RecordFailure("10.0.0.9");
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.True(throttle.IsBlocked("10.0.0.9", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(55), retryAfter);
        _time.Advance(TimeSpan.FromSeconds(56));
        Assert.False(throttle.IsBlocked("10.0.0.9", out _));
    }

    [Fact]
    public void FailuresSpreadOverMoreThanAMinute_DoNotBlock()
    {
        var throttle = new AddressThrottle(_time);
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure("10.0.0.9");
            _time.Advance(TimeSpan.FromSeconds(16));
        }

        Assert.False(throttle.IsBlocked("10.0.0.9", out _));
    }

    [Fact]
    public void ABlockedAddress_DoesNotBlockAnother()
    {
        var throttle = new AddressThrottle(_time);
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure("10.0.0.9");
        }

        Assert.False(throttle.IsBlocked("10.0.0.10", out _));
    }
}
