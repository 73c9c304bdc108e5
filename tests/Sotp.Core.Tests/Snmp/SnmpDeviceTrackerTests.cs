using Sotp.Core.Events;
using Sotp.Core.Snmp;

namespace Sotp.Core.Tests.Snmp;

public class SnmpDeviceTrackerTests
{
    private const long DeviceId = 7;
    private const ulong Gigabit = 1_000_000_000;
    private static readonly DateTimeOffset Then = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Then.AddMinutes(5);

    [Fact]
    public void TheFirstPoll_WritesStatusAndGauges_ButNoRates()
    {
        var update = new SnmpDeviceTracker(DeviceId).Apply(Reading(1000, Port(octets: 0)), Then);

        Assert.DoesNotContain(update.Points, point => point.Key.Metric == SnmpSeriesNames.InBps);
        Assert.Contains(update.Points, point => point.Key == new Core.Series.SeriesKey(DeviceId, SnmpSeriesNames.OperStatus, "interface=ge-0/0/1") && point.Value == 1);
        Assert.Contains(update.Points, point => point.Key.Metric == SnmpSeriesNames.CpuPercent && point.Value == 12.5);
        Assert.Null(Assert.Single(update.View.Interfaces).InBps);
        Assert.Equal(SnmpPollStatus.Ok, update.View.Status);
    }

    [Fact]
    public void TheSecondPoll_WritesRatesPerInterface()
    {
        var tracker = new SnmpDeviceTracker(DeviceId);
        tracker.Apply(Reading(1000, Port(octets: 0)), Then);

        // 37,500,000 octets in 300 s = 1 Mbit/s.
        var update = tracker.Apply(Reading(31_000, Port(octets: 37_500_000)), Later);

        Assert.Equal(1_000_000, Value(update, SnmpSeriesNames.InBps));
        Assert.Equal(1_000_000, Assert.Single(update.View.Interfaces).InBps);
        Assert.Equal(0, Value(update, SnmpSeriesNames.InErrorsPerSecond));
        Assert.Empty(update.Events);
    }

    [Fact]
    public void AReboot_IsAnEvent_AndItsCountersGiveNoRates()
    {
        var tracker = new SnmpDeviceTracker(DeviceId);
        // On 100 Mbit/s, 4,000,000,000 then 100 would pass for one wrap of a Counter32 at 7.9 Mbit/s.
        tracker.Apply(Reading(9_000_000, Port(octets: 4_000_000_000, bits: 32, speed: 100_000_000)), Then);

        var update = tracker.Apply(Reading(1_500, Port(octets: 100, bits: 32, speed: 100_000_000)), Later);

        var reboot = Assert.Single(update.Events);
        Assert.Equal(("snmp", "availability", "reboot", DeviceId), (reboot.Source, reboot.Category, reboot.Code, reboot.DeviceId!.Value));
        Assert.DoesNotContain(update.Points, point => point.Key.Metric == SnmpSeriesNames.InBps);
    }

    [Fact]
    public void ALinkGoingDownAndUp_IsALinkDownAlarmThenALinkUpSignal_ZonedByInterface()
    {
        var tracker = new SnmpDeviceTracker(DeviceId);
        tracker.Apply(Reading(1000, Port(octets: 0)), Then);

        var down = Assert.Single(tracker.Apply(Reading(2000, Port(octets: 0, oper: 2)), Later).Events);
        var up = Assert.Single(tracker.Apply(Reading(3000, Port(octets: 0)), Later.AddMinutes(5)).Events);

        Assert.Equal(("interface", "link_down", "ge-0/0/1", EventKind.Alarm), (down.Category, down.Code, down.Zone, down.Kind));
        Assert.Equal(("interface", "link_up", "ge-0/0/1", EventKind.Signal), (up.Category, up.Code, up.Zone, up.Kind));
        Assert.NotEqual(down.DedupKey, up.DedupKey);
    }

    [Fact]
    public void AnInterfaceShutOnPurpose_IsNoNews()
    {
        var tracker = new SnmpDeviceTracker(DeviceId);
        tracker.Apply(Reading(1000, Port(octets: 0)), Then);

        var update = tracker.Apply(Reading(2000, Port(octets: 0, oper: 2, admin: 2)), Later);

        Assert.Empty(update.Events);
        Assert.Equal(0, Value(update, SnmpSeriesNames.OperStatus));
    }

    [Fact]
    public void AnInterfaceReindexedUnderAnotherName_StartsAfresh()
    {
        var tracker = new SnmpDeviceTracker(DeviceId);
        tracker.Apply(Reading(1000, Port(octets: 0)), Then);

        var update = tracker.Apply(Reading(31_000, Port(octets: 37_500_000) with { Name = "ge-0/0/2" }), Later);

        Assert.DoesNotContain(update.Points, point => point.Key.Metric == SnmpSeriesNames.InBps);
    }

    [Fact]
    public void TwoInterfacesWithOneName_WriteTwoSeries()
    {
        var update = new SnmpDeviceTracker(DeviceId).Apply(Reading(1000, Port(octets: 0), Port(octets: 0) with { Index = 2 }), Then);

        Assert.Equal(["interface=ge-0/0/1", "interface=ge-0/0/1#2"],
            update.Points.Where(point => point.Key.Metric == SnmpSeriesNames.OperStatus).Select(point => point.Key.Labels));
    }

    [Fact]
    public void AFailedInterfaceWalk_IsPartial_KeepsTheInterfacesWithoutRates_AndTheNextPollRatesAgainstTheLastGoodOne()
    {
        var tracker = new SnmpDeviceTracker(DeviceId);
        tracker.Apply(Reading(1000, Port(octets: 0)), Then);
        var failed = new SnmpReading(new SnmpSystem("d", "1.3.6.1.4.1.9.1.516", "sw", 31_000), [], 50, null, null,
            [new SnmpPartFailure(SnmpParts.Interfaces, "No answer after 2 attempt(s).")]);

        var partial = tracker.Apply(failed, Later);
        // 75,000,000 octets in 600 s since the last interface reading = 1 Mbit/s.
        var next = tracker.Apply(Reading(61_000, Port(octets: 75_000_000)), Later.AddMinutes(5));

        Assert.Equal((SnmpPollStatus.Partial, "interfaces: No answer after 2 attempt(s)."), (partial.View.Status, partial.View.Reason));
        Assert.Equal("ge-0/0/1", Assert.Single(partial.View.Interfaces).Name);
        Assert.Null(partial.View.Interfaces[0].InBps);
        Assert.DoesNotContain(partial.Points, point => point.Key.Metric != SnmpSeriesNames.CpuPercent && point.Key.Metric != SnmpSeriesNames.UpTimeSeconds);
        Assert.Equal(1_000_000, Value(next, SnmpSeriesNames.InBps));
        Assert.Equal(SnmpPollStatus.Ok, next.View.Status);
    }

    private static double Value(SnmpUpdate update, string metric) => Assert.Single(update.Points, point => point.Key.Metric == metric).Value;

    private static SnmpReading Reading(uint upTime, params SnmpInterfaceReading[] interfaces) =>
        new(new SnmpSystem("Junos", "1.3.6.1.4.1.2636.1.1.1.2.29", "edge-1", upTime), interfaces, 12.5, 40, null);

    private static SnmpInterfaceReading Port(ulong octets, int oper = 1, int admin = 1, int bits = 64, ulong speed = Gigabit) =>
        new(1, "ge-0/0/1", "uplink", "ge-0/0/1", speed, admin, oper, new SnmpCounter(octets, bits), new SnmpCounter(octets, bits),
            new SnmpCounter(0, 32), new SnmpCounter(0, 32), new SnmpCounter(0, 32), new SnmpCounter(0, 32));
}
