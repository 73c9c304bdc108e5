using Sotp.Collectors.Satel;
using Sotp.Core.Panels;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>Which successive states become lines of a panel's timeline, without a panel.</summary>
public class SatelTimelineTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 15, 42, TimeSpan.Zero);

    [Fact]
    public void TheFirstStateSeen_IsTheBaseline_AndNoLine()
    {
        var timeline = new SatelTimeline(7);

        Assert.Empty(timeline.Record(Partitions(SatelPartitionStatus.Armed), Zones(SatelZoneStatus.Violated), At));
    }

    [Fact]
    public void EachChange_IsOneLine_FromTheKnownStatusToTheNewOne()
    {
        var timeline = new SatelTimeline(7);
        timeline.Record(Partitions(SatelPartitionStatus.Disarmed), Zones(SatelZoneStatus.Normal), At);

        var lines = timeline.Record(Partitions(SatelPartitionStatus.Armed), Zones(SatelZoneStatus.Violated), At.AddSeconds(1));

        Assert.Equal(
            [new PanelStateChange(7, At.AddSeconds(1), PanelItem.Partition, 1, "DISARMED", "ARMED"), new PanelStateChange(7, At.AddSeconds(1), PanelItem.Zone, 3, "NORMAL", "VIOLATED")],
            lines);
    }

    [Fact]
    public void AGapWithoutAnswers_IsNoLine_AndTheSameStateAfterIt_IsNone()
    {
        var timeline = new SatelTimeline(7);
        timeline.Record(Partitions(SatelPartitionStatus.Armed), Zones(SatelZoneStatus.Violated), At);

        var lost = timeline.Record(Partitions(SatelPartitionStatus.Unknown), Zones(SatelZoneStatus.Unknown), At.AddSeconds(20));
        var back = timeline.Record(Partitions(SatelPartitionStatus.Armed), Zones(SatelZoneStatus.Violated), At.AddSeconds(40));

        Assert.Empty(lost);
        Assert.Empty(back);
    }

    [Fact]
    public void AChangeDuringAGap_IsOneLine_FromWhatWasLastKnown()
    {
        var timeline = new SatelTimeline(7);
        timeline.Record(Partitions(SatelPartitionStatus.Armed), Zones(SatelZoneStatus.Normal), At);
        timeline.Record(Partitions(SatelPartitionStatus.Unknown), Zones(SatelZoneStatus.Unknown), At.AddSeconds(20));

        var back = timeline.Record(Partitions(SatelPartitionStatus.Disarmed), Zones(SatelZoneStatus.Normal), At.AddSeconds(40));

        Assert.Equal(new PanelStateChange(7, At.AddSeconds(40), PanelItem.Partition, 1, "ARMED", "DISARMED"), Assert.Single(back));
    }

    private static Dictionary<int, SatelPartitionStatus> Partitions(SatelPartitionStatus first) =>
        new() { [1] = first, [2] = SatelPartitionStatus.Disarmed };

    private static Dictionary<int, SatelZoneStatus> Zones(SatelZoneStatus third) =>
        new() { [1] = SatelZoneStatus.Normal, [3] = third };
}
