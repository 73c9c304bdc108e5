namespace Sotp.Core.Rules;

/// <summary>
/// One series against one rule: OK → PENDING (threshold broken, waiting out the duration) → FIRING → OK. A pending
/// series that recovers goes back to OK without an event; a firing one clears only past the clear threshold, so a
/// value wobbling around the threshold does not flap. Pure: times come from the points and the caller's clock.
/// </summary>
/// <param name="since">When watching began: an ABSENT rule counts its silence from here until the first point.</param>
public sealed class RuleSeriesState(DateTimeOffset since)
{
    public RuleStatus Status { get; private set; } = RuleStatus.Ok;

    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>When the current firing began; part of the event's dedup key.</summary>
    public DateTimeOffset? FiringSince { get; private set; }

    public DateTimeOffset LastSeen { get; private set; } = since;

    public double? LastValue { get; private set; }

    /// <summary>A point of the series. Points older than the last one seen are ignored (a late batch cannot undo the present).</summary>
    public RuleTransition Observe(AlertRule rule, double value, DateTimeOffset at)
    {
        if (at < LastSeen || double.IsNaN(value))
        {
            return RuleTransition.None;
        }

        LastSeen = at;
        LastValue = value;
        if (rule.Condition == RuleCondition.Absent)
        {
            return Status == RuleStatus.Firing ? Clear() : RuleTransition.None;
        }

        switch (Status)
        {
            case RuleStatus.Ok when rule.Breaks(value):
                PendingSince = at;
                Status = RuleStatus.Pending;
                return rule.ForSeconds == 0 ? Fire(at) : RuleTransition.None;
            case RuleStatus.Pending when !rule.Breaks(value):
                PendingSince = null;
                Status = RuleStatus.Ok;
                return RuleTransition.None;
            case RuleStatus.Pending when at - PendingSince >= TimeSpan.FromSeconds(rule.ForSeconds):
                return Fire(at);
            case RuleStatus.Firing when rule.Clears(value):
                return Clear();
            default:
                return RuleTransition.None;
        }
    }

    /// <summary>The clock moved: an ABSENT rule fires when the series has been silent for its absence time.</summary>
    public RuleTransition Tick(AlertRule rule, DateTimeOffset now) =>
        rule is { Condition: RuleCondition.Absent, AbsenceSeconds: { } seconds } && Status == RuleStatus.Ok && now - LastSeen >= TimeSpan.FromSeconds(seconds)
            ? Fire(now)
            : RuleTransition.None;

    /// <summary>Takes back a transition whose event could not be filed, so the next point or tick tries again.</summary>
    public void Revert(RuleTransition transition)
    {
        if (transition == RuleTransition.Fired)
        {
            Status = PendingSince is null ? RuleStatus.Ok : RuleStatus.Pending;
            FiringSince = null;
        }
        else if (transition == RuleTransition.Cleared)
        {
            Status = RuleStatus.Firing;
        }
    }

    private RuleTransition Fire(DateTimeOffset at)
    {
        Status = RuleStatus.Firing;
        FiringSince = at;
        return RuleTransition.Fired;
    }

    private RuleTransition Clear()
    {
        Status = RuleStatus.Ok;
        PendingSince = null;
        return RuleTransition.Cleared;
    }
}
