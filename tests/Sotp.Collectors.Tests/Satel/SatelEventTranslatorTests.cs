using Sotp.Collectors.Satel;
using Sotp.Core.Events;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>Which state changes become which events, without a panel.</summary>
public class SatelEventTranslatorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 15, 42, TimeSpan.Zero);
    private static readonly SatelPanelIdentity Panel = new(7, 3);

    [Fact]
    public void TheBaseline_RaisesNothing_ForViolatedZonesOrTroubles()
    {
        var translator = new SatelEventTranslator(Panel);

        var events = translator.Translate(Partitions(SatelPartitionStatus.Armed), Zones((3, SatelZoneStatus.Violated), (4, SatelZoneStatus.Tamper)), [new SatelTrouble(1, 2)], At);

        Assert.Empty(events);
    }

    [Fact]
    public void TheBaseline_RaisesAnAlarmThatIsRunning()
    {
        var translator = new SatelEventTranslator(Panel);

        var events = translator.Translate(Partitions(SatelPartitionStatus.Alarm), Zones((3, SatelZoneStatus.Alarm)), null, At);

        Assert.Equal(["partition_alarm", "zone_alarm"], events.Select(e => e.Code));
        Assert.All(events, e => Assert.Equal(EventPriority.Critical, e.Priority));
    }

    [Fact]
    public void AViolatedZone_IsOneCriticalAlarm_WithTheSeedsDedupKey()
    {
        var translator = Baselined();

        var events = translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At);

        var input = Assert.Single(events);
        Assert.Equal(new EventInput("satel", 3, 7, "3", "intrusion", "zone_violation", EventPriority.Critical, EventKind.Alarm, "Zone 3: violated", At,
            "7:zone_violation:3:202612011015"), input);
    }

    [Fact]
    public void TheSameStateAgain_RaisesNothing()
    {
        var translator = Baselined();
        translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At);

        Assert.Empty(translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At.AddSeconds(1)));
    }

    [Fact]
    public void AZonesPriorityOverride_ReplacesCritical()
    {
        var translator = new SatelEventTranslator(new SatelPanelIdentity(7, 3, new Dictionary<int, EventPriority> { [3] = EventPriority.Low }));
        translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Normal), (4, SatelZoneStatus.Normal)), [], At);

        var events = translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Tamper), (4, SatelZoneStatus.Tamper)), [], At);

        Assert.Equal([("3", EventPriority.Low), ("4", EventPriority.Critical)], events.Select(e => (e.Zone, e.Priority)));
        Assert.All(events, e => Assert.Equal("tamper", e.Category));
    }

    [Fact]
    public void ARestoredZone_IsASignal()
    {
        var translator = Baselined();
        translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At);

        var input = Assert.Single(translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Normal)), null, At));

        Assert.Equal(("zone_restore", EventKind.Signal, "intrusion", "7:zone_restore:3:202612011015"), (input.Code, input.Kind, input.Category, input.DedupKey));
    }

    [Fact]
    public void AViolatedZoneGoingIntoAlarm_IsAnAlarm_AndBackToViolated_IsNothing()
    {
        var translator = Baselined();
        translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At);

        var alarm = translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Alarm)), null, At);
        var calmer = translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At);

        Assert.Equal("zone_alarm", Assert.Single(alarm).Code);
        Assert.Empty(calmer);
    }

    [Fact]
    public void Unknown_ChangesNothing_SoTheSameStateAfterAReconnectRaisesNothing()
    {
        var translator = Baselined();
        translator.Translate(Partitions(SatelPartitionStatus.Armed), Zones((3, SatelZoneStatus.Violated)), null, At);

        var lost = translator.Translate(Partitions(SatelPartitionStatus.Unknown), Zones((3, SatelZoneStatus.Unknown)), null, At);
        var back = translator.Translate(Partitions(SatelPartitionStatus.Armed), Zones((3, SatelZoneStatus.Violated)), null, At);

        Assert.Empty(lost);
        Assert.Empty(back);
    }

    [Fact]
    public void ArmingAndDisarming_AreSignals()
    {
        var translator = Baselined();

        var exit = translator.Translate(Partitions(SatelPartitionStatus.ExitTime), Zones(), null, At);
        var armed = translator.Translate(Partitions(SatelPartitionStatus.Armed), Zones(), null, At);
        var disarmed = translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones(), null, At);

        Assert.Empty(exit);
        Assert.Equal(("partition_armed", EventKind.Signal, "7:partition_armed:p1:202612011015"), (armed[0].Code, armed[0].Kind, armed[0].DedupKey));
        Assert.Equal("partition_disarmed", Assert.Single(disarmed).Code);
    }

    [Fact]
    public void APartitionAlarm_IsCritical_AndItsEnd_IsASignal()
    {
        var translator = Baselined();

        var alarm = Assert.Single(translator.Translate(Partitions(SatelPartitionStatus.FireAlarm), Zones(), null, At));
        var end = Assert.Single(translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones(), null, At));

        Assert.Equal(("partition_fire_alarm", "fire", EventPriority.Critical, EventKind.Alarm), (alarm.Code, alarm.Category, alarm.Priority, alarm.Kind));
        Assert.Null(alarm.Zone);
        Assert.Equal(("partition_alarm_restore", EventKind.Signal), (end.Code, end.Kind));
    }

    [Fact]
    public void ANewTrouble_IsMedium_AndItsEnd_IsASignal()
    {
        var translator = Baselined();

        var raised = Assert.Single(translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones(), [new SatelTrouble(2, 9)], At));
        var ended = Assert.Single(translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones(), [], At));

        Assert.Equal(("trouble", EventPriority.Medium, EventKind.Alarm, "7:trouble:t2.9:202612011015"), (raised.Code, raised.Priority, raised.Kind, raised.DedupKey));
        Assert.Equal(("trouble_restore", EventKind.Signal), (ended.Code, ended.Kind));
    }

    [Fact]
    public void TroublesNotRead_ChangeNothing()
    {
        var translator = Baselined();
        translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones(), [new SatelTrouble(1, 1)], At);

        Assert.Empty(translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones(), null, At));
    }

    [Fact]
    public void TheDedupKey_ChangesWithTheMinute()
    {
        var first = Baselined();
        var second = Baselined();

        var now = first.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At);
        var later = second.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Violated)), null, At.AddSeconds(20));

        Assert.Equal("7:zone_violation:3:202612011015", now[0].DedupKey);
        Assert.Equal("7:zone_violation:3:202612011016", later[0].DedupKey);
    }

    /// <summary>A translator that has seen partition 1 disarmed and zones 3 and 4 normal, with no troubles.</summary>
    private static SatelEventTranslator Baselined()
    {
        var translator = new SatelEventTranslator(Panel);
        translator.Translate(Partitions(SatelPartitionStatus.Disarmed), Zones((3, SatelZoneStatus.Normal), (4, SatelZoneStatus.Normal)), [], At);
        return translator;
    }

    private static Dictionary<int, SatelPartitionStatus> Partitions(SatelPartitionStatus first) => new() { [1] = first };

    private static Dictionary<int, SatelZoneStatus> Zones(params (int Zone, SatelZoneStatus Status)[] zones) =>
        zones.ToDictionary(z => z.Zone, z => z.Status);
}
