using Sotp.Core.Events;

namespace Sotp.Core.Escalation;

/// <summary>
/// What happens to an alarm nobody claims: each step notifies a channel once the alarm has waited
/// <see cref="EscalationStep.AfterMinutes"/> since it opened, and after the last step that step's channel is reminded every
/// <see cref="RepeatEveryMinutes"/>, <see cref="RepeatCount"/> times. Which policy an alarm follows: see <see cref="EscalationPlan.PolicyFor"/>.
/// </summary>
/// <param name="SiteId">Only alarms of this site; null for every site (a site's own policy wins over these).</param>
/// <param name="MinPriority">Alarms at least this urgent follow it (CRITICAL is the most urgent).</param>
/// <param name="Steps">In order, each later than the one before.</param>
public sealed record EscalationPolicy(
    long Id,
    string Name,
    bool Enabled,
    long? SiteId,
    EventPriority MinPriority,
    IReadOnlyList<EscalationStep> Steps,
    int? RepeatEveryMinutes,
    int RepeatCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    long Version)
{
    public bool Applies(long siteId, EventPriority priority) => Enabled && (SiteId is null || SiteId == siteId) && priority <= MinPriority;
}

/// <param name="AfterMinutes">Minutes after the alarm opened, if it is still unclaimed.</param>
public sealed record EscalationStep(int AfterMinutes, long ChannelId);
