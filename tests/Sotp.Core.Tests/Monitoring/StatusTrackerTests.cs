using Sotp.Core.Monitoring;

namespace Sotp.Core.Tests.Monitoring;

public class StatusTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    private static ProbeVerdict Answered(int second) => new(true, T0.AddSeconds(second), "20 ms");

    private static ProbeVerdict Lost(int second) => new(false, T0.AddSeconds(second), "3 of 3 lost");

    [Fact]
    public void TheFirstAnsweredProbe_TurnsUnknownIntoUp()
    {
        var tracker = new StatusTracker(7, failuresBeforeDown: 3);

        var change = tracker.Record(Answered(0));

        Assert.Equal(new StatusChange(7, DeviceStatus.Unknown, DeviceStatus.Up, T0, "20 ms"), change);
    }

    [Fact]
    public void Down_ComesOnlyAfterTheConfiguredFailuresInARow()
    {
        var tracker = new StatusTracker(7, failuresBeforeDown: 3);
        tracker.Record(Answered(0));

        Assert.Null(tracker.Record(Lost(30)));
        Assert.Null(tracker.Record(Lost(60)));
        var change = tracker.Record(Lost(90));

        Assert.Equal(DeviceStatus.Down, change?.To);
        Assert.Equal(T0.AddSeconds(90), change?.At);
        Assert.Null(tracker.Record(Lost(120)));
    }

    [Fact]
    public void AnAnsweredProbe_RestartsTheFailureCount()
    {
        var tracker = new StatusTracker(7, failuresBeforeDown: 2);
        tracker.Record(Answered(0));

        tracker.Record(Lost(30));
        tracker.Record(Answered(60));
        var afterOneMoreLoss = tracker.Record(Lost(90));

        Assert.Null(afterOneMoreLoss);
        Assert.Equal(DeviceStatus.Up, tracker.Status);
    }

    [Fact]
    public void ADownDevice_IsUpAgainAtTheFirstAnswer()
    {
        var tracker = new StatusTracker(7, failuresBeforeDown: 1);
        tracker.Record(Lost(0));

        var change = tracker.Record(Answered(30));

        Assert.Equal((DeviceStatus.Down, DeviceStatus.Up), (change?.From, change?.To));
    }

    [Fact]
    public void ADeviceThatNeverAnswers_GoesFromUnknownToDown()
    {
        var tracker = new StatusTracker(7, failuresBeforeDown: 2);

        Assert.Null(tracker.Record(Lost(0)));
        Assert.Equal(DeviceStatus.Down, tracker.Record(Lost(30))?.To);
    }

    [Fact]
    public void Forgetting_AKnownDevice_IsAChangeToUnknown_AndForgettingAnUnknownOneIsNot()
    {
        var tracker = new StatusTracker(7, failuresBeforeDown: 2);
        Assert.Null(tracker.Forget(T0, "disabled"));
        tracker.Record(Answered(0));

        var change = tracker.Forget(T0.AddSeconds(5), "disabled");

        Assert.Equal(new StatusChange(7, DeviceStatus.Up, DeviceStatus.Unknown, T0.AddSeconds(5), "disabled"), change);
    }

    [Fact]
    public void ZeroFailuresBeforeDown_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusTracker(1, 0));
}
