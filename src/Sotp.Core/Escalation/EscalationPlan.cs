using Sotp.Core.Alarms;

namespace Sotp.Core.Escalation;

/// <summary>Which policy an alarm follows and when each of its steps is due, as pure functions.</summary>
public static class EscalationPlan
{
    /// <summary>
    /// The policy of a newly opened alarm, or null when it does not escalate. Silent alarms (service mode) never do.
    /// Among the enabled policies that take its site and priority, a policy of the alarm's own site wins over one for every
    /// site (a site with special needs overrides the default), then the narrower priority band (a CRITICAL-only policy
    /// over a catch-all), then the older policy.
    /// </summary>
    public static EscalationPolicy? PolicyFor(Alarm alarm, IEnumerable<EscalationPolicy> policies) =>
        alarm.Silent || alarm.State != AlarmState.New
            ? null
            : policies.Where(p => p.Applies(alarm.SiteId, alarm.Priority))
                .OrderBy(p => p.SiteId is null)
                .ThenBy(p => p.MinPriority)
                .ThenBy(p => p.Id)
                .FirstOrDefault();

    /// <summary>
    /// The firing number <paramref name="index"/> (0-based) of <paramref name="policy"/> for an alarm opened at
    /// <paramref name="openedAt"/>: the steps first, then the repeats of the last step. Null once everything has fired.
    /// </summary>
    public static EscalationFiring? Firing(EscalationPolicy policy, DateTimeOffset openedAt, int index)
    {
        if (index < 0 || policy.Steps.Count == 0)
        {
            return null;
        }

        if (index < policy.Steps.Count)
        {
            var step = policy.Steps[index];
            return new EscalationFiring(index, openedAt.AddMinutes(step.AfterMinutes), step.ChannelId, index + 1, 0);
        }

        var repeat = index - policy.Steps.Count + 1;
        if (repeat > policy.RepeatCount || policy.RepeatEveryMinutes is not { } every)
        {
            return null;
        }

        var last = policy.Steps[^1];
        return new EscalationFiring(index, openedAt.AddMinutes(last.AfterMinutes + (every * repeat)), last.ChannelId, policy.Steps.Count, repeat);
    }
}

/// <summary>One notification an escalation sends.</summary>
/// <param name="Index">0-based over steps and repeats; also the delivery's round (plus one), so each firing is its own delivery.</param>
/// <param name="Step">1-based step of the policy.</param>
/// <param name="Repeat">0 for the step itself, 1.. for its repeats.</param>
public sealed record EscalationFiring(int Index, DateTimeOffset At, long ChannelId, int Step, int Repeat)
{
    public string Describe(EscalationPolicy policy, string channelName) =>
        $"escalation '{policy.Name}' step {Step}{(Repeat > 0 ? $" (repeat {Repeat})" : "")}: not claimed within " +
        $"{MinutesFromOpen(policy)} minutes, notifying channel '{channelName}'";

    private int MinutesFromOpen(EscalationPolicy policy) =>
        policy.Steps[Step - 1].AfterMinutes + (Repeat * (policy.RepeatEveryMinutes ?? 0));
}
