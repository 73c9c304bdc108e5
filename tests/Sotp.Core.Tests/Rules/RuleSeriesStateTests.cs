using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Events;
using Sotp.Core.Rules;

namespace Sotp.Core.Tests.Rules;

public class RuleSeriesStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);

    private static AlertRule Rule(RuleCondition condition, double? threshold = 80, double? clear = null, int forSeconds = 0, int? absence = null) =>
        new(1, "rtt", true, "icmp.rtt_ms", RuleScope.AllDevices, null, condition, threshold, clear, forSeconds, absence, "performance", "rtt_high",
            EventPriority.High, "{device} {value}", T0, null, 1);

    /// <summary>A point now, then the clock moves on by <paramref name="seconds"/>.</summary>
    private RuleTransition Point(RuleSeriesState state, AlertRule rule, double value, int seconds = 30)
    {
        var transition = state.Observe(rule, value, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(seconds));
        return transition;
    }

    [Fact]
    public void WithoutADuration_TheFirstPointAboveFires()
    {
        var state = new RuleSeriesState(T0);

        Assert.Equal(RuleTransition.None, Point(state, Rule(RuleCondition.Above), 80));
        Assert.Equal(RuleTransition.Fired, Point(state, Rule(RuleCondition.Above), 81));
        Assert.Equal(RuleStatus.Firing, state.Status);
        Assert.Equal(T0.AddSeconds(30), state.FiringSince);
    }

    [Fact]
    public void WithADuration_ItFiresOnlyOnceTheThresholdWasBrokenThatLong()
    {
        var rule = Rule(RuleCondition.Above, forSeconds: 60);
        var state = new RuleSeriesState(T0);

        Assert.Equal(RuleTransition.None, Point(state, rule, 90));
        Assert.Equal(RuleStatus.Pending, state.Status);
        Assert.Equal(RuleTransition.None, Point(state, rule, 95));
        Assert.Equal(RuleTransition.Fired, Point(state, rule, 91));
        Assert.Equal(T0.AddSeconds(60), state.FiringSince);
    }

    [Fact]
    public void APendingSeriesThatRecovers_GoesBackToOk_AndStartsItsDurationAgain()
    {
        var rule = Rule(RuleCondition.Above, forSeconds: 60);
        var state = new RuleSeriesState(T0);

        Point(state, rule, 90);
        Point(state, rule, 50);
        Assert.Equal(RuleStatus.Ok, state.Status);
        Assert.Equal(RuleTransition.None, Point(state, rule, 90));
        Assert.Equal(RuleTransition.None, Point(state, rule, 90));
        Assert.Equal(RuleTransition.Fired, Point(state, rule, 90));
    }

    [Fact]
    public void Hysteresis_FiresAbove80_ClearsOnlyBelow70()
    {
        var rule = Rule(RuleCondition.Above, 80, clear: 70);
        var state = new RuleSeriesState(T0);

        Assert.Equal(RuleTransition.Fired, Point(state, rule, 85));
        Assert.Equal(RuleTransition.None, Point(state, rule, 75));
        Assert.Equal(RuleTransition.None, Point(state, rule, 70));
        Assert.Equal(RuleTransition.Cleared, Point(state, rule, 69.9));
        Assert.Equal(RuleStatus.Ok, state.Status);
    }

    [Fact]
    public void AValueWobblingAroundTheThreshold_FiresOnce_AndDoesNotFlap()
    {
        var rule = Rule(RuleCondition.Above, 80, clear: 70);
        var state = new RuleSeriesState(T0);

        var transitions = new[] { 81, 79, 82, 78, 81, 79, 83 }.Select(v => Point(state, rule, v)).ToList();

        Assert.Equal([RuleTransition.Fired], transitions.Where(t => t != RuleTransition.None));
    }

    [Fact]
    public void WithoutAClearThreshold_ItClearsWhenNoLongerAbove()
    {
        var rule = Rule(RuleCondition.Above, 80);
        var state = new RuleSeriesState(T0);

        Point(state, rule, 81);

        Assert.Equal(RuleTransition.Cleared, Point(state, rule, 80));
    }

    [Fact]
    public void Below_FiresUnderTheThreshold_AndClearsAboveTheClearThreshold()
    {
        var rule = Rule(RuleCondition.Below, 10, clear: 20, forSeconds: 30);
        var state = new RuleSeriesState(T0);

        Assert.Equal(RuleTransition.None, Point(state, rule, 5));
        Assert.Equal(RuleTransition.Fired, Point(state, rule, 5));
        Assert.Equal(RuleTransition.None, Point(state, rule, 15));
        Assert.Equal(RuleTransition.Cleared, Point(state, rule, 21));
    }

    [Fact]
    public void Absence_FiresAfterSilence_CountedFromTheLastPoint_AndClearsWithTheNextPoint()
    {
        var rule = Rule(RuleCondition.Absent, threshold: null, absence: 120);
        var state = new RuleSeriesState(T0);
        Point(state, rule, 1, seconds: 119);

        Assert.Equal(RuleTransition.None, state.Tick(rule, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RuleTransition.Fired, state.Tick(rule, _time.GetUtcNow()));
        Assert.Equal(RuleTransition.None, state.Tick(rule, _time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(RuleTransition.Cleared, Point(state, rule, 1));
    }

    [Fact]
    public void Absence_OfASeriesNeverSeen_CountsFromWhenWatchingBegan()
    {
        var rule = Rule(RuleCondition.Absent, threshold: null, absence: 60);
        var state = new RuleSeriesState(T0);

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(RuleTransition.Fired, state.Tick(rule, _time.GetUtcNow()));
    }

    [Fact]
    public void ThresholdRules_IgnoreTicks()
    {
        var rule = Rule(RuleCondition.Above, forSeconds: 60);
        var state = new RuleSeriesState(T0);
        Point(state, rule, 90);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(RuleTransition.None, state.Tick(rule, _time.GetUtcNow()));
        Assert.Equal(RuleStatus.Pending, state.Status);
    }

    [Fact]
    public void AnOlderPoint_ChangesNothing()
    {
        var rule = Rule(RuleCondition.Above);
        var state = new RuleSeriesState(T0);
        Point(state, rule, 90);

        Assert.Equal(RuleTransition.None, state.Observe(rule, 10, T0.AddSeconds(-1)));
        Assert.Equal(RuleStatus.Firing, state.Status);
    }

    [Fact]
    public void AFiringThatCouldNotBeFiled_IsTakenBack_AndFiresAgainWithTheNextPoint()
    {
        var rule = Rule(RuleCondition.Above, forSeconds: 30);
        var state = new RuleSeriesState(T0);
        Point(state, rule, 90);
        var fired = Point(state, rule, 90);

        state.Revert(fired);

        Assert.Equal(RuleStatus.Pending, state.Status);
        Assert.Equal(RuleTransition.Fired, Point(state, rule, 90));
    }
}
