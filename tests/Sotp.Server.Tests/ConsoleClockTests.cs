using Sotp.Server.Web;

namespace Sotp.Server.Tests;

public class ConsoleClockTests
{
    [Fact]
    public void APickedZone_WinsOverTheBrowsers_AndAnUnknownOneFallsBackToTheBrowsers()
    {
        var clock = new ConsoleClock();

        clock.Choose("Asia/Tokyo", "Europe/Warsaw");
        Assert.Equal(("Asia/Tokyo", "Asia/Tokyo"), (clock.Zone.Id, clock.Picked));

        clock.Choose("Mars/Olympus_Mons", "Europe/Warsaw");
        Assert.Equal("Europe/Warsaw", clock.Zone.Id);
        Assert.Null(clock.Picked);

        clock.Choose(null, null);
        Assert.Equal(TimeZoneInfo.Utc, clock.Zone);
        Assert.True(clock.Loaded);
    }

    [Fact]
    public void ADayStarts_AtMidnightInTheUsersZone()
    {
        var clock = new ConsoleClock();
        clock.Choose("Europe/Warsaw", null);

        Assert.Equal(new DateTimeOffset(2026, 7, 14, 22, 0, 0, TimeSpan.Zero), clock.StartOfDay(new DateTime(2026, 7, 15)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero), clock.StartOfDay(new DateTime(2026, 12, 2)).ToUniversalTime());
    }

    [Fact]
    public void ADayWhoseMidnightDaylightSavingSkips_StartsAtTheFirstInstantThatExists()
    {
        var clock = new ConsoleClock();
        clock.Choose("America/Santiago", null); // Clocks go from 00:00 straight to 01:00 on the first Sunday of September.

        var start = clock.StartOfDay(new DateTime(2026, 9, 6));

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal(new DateTime(2026, 9, 6, 1, 0, 0), clock.Local(start));
    }
}
