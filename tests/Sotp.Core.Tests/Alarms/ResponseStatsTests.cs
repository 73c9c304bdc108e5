using Sotp.Core.Alarms;

namespace Sotp.Core.Tests.Alarms;

public class ResponseStatsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MeansCountOnlyAlarmsThatGotThatFar_PerGroup_MostAlarmsFirst()
    {
        AlarmTimes[] alarms =
        [
            new(1, 10, 100, "anna", T0, T0.AddSeconds(60), T0.AddSeconds(600)),
            new(2, 10, 100, "anna", T0, T0.AddSeconds(120), null),
            new(3, 10, 101, "otto", T0, null, null),
            new(4, 20, null, null, T0, null, T0.AddSeconds(30)),
        ];

        var bySite = ResponseStats.Of(alarms, ResponseGrouping.Site);
        var byOperator = ResponseStats.Of(alarms, ResponseGrouping.Operator);
        var byDevice = ResponseStats.Of(alarms, ResponseGrouping.Device);

        Assert.Equal([new ResponseStats("10", 3, 2, 90, 1, 600), new ResponseStats("20", 1, 0, null, 1, 30)], bySite);
        Assert.Equal(["anna", null, "otto"], byOperator.Select(s => s.Key));
        Assert.Equal(new ResponseStats("101", 1, 0, null, 0, null), byDevice.Single(s => s.Key == "101"));
        Assert.Equal(new ResponseStats(null, 1, 0, null, 1, 30), byDevice.Single(s => s.Key is null));
    }

    [Fact]
    public void NoAlarms_NoLines() => Assert.Empty(ResponseStats.Of([], ResponseGrouping.Site));
}
