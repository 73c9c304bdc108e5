using Microsoft.Extensions.Time.Testing;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

public class UsmEngineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TheAgentsClock_RunsOnWithOurs()
    {
        var engine = new UsmEngine([1, 2, 3], 4, 1000, _time);
        _time.Advance(TimeSpan.FromSeconds(90.5));
        Assert.Equal((4, 1090), engine.Now());
    }

    [Fact]
    public void AuthenticatedAnswers_MoveTheClockForwardOnly()
    {
        var engine = new UsmEngine([1], 4, 1000, _time);
        engine.Update(4, 900);
        Assert.Equal((4, 1000), engine.Now());
        engine.Update(4, 1200);
        Assert.Equal((4, 1200), engine.Now());
        engine.Update(5, 3);
        Assert.Equal((5, 3), engine.Now());
    }

    [Fact]
    public void ANotInTimeWindowReport_SetsTheClockEvenBackwards()
    {
        var engine = new UsmEngine([1], 4, 1000, _time);
        engine.Resynchronise(4, 10);
        Assert.Equal((4, 10), engine.Now());
    }
}
