using Sotp.Core.Events;

namespace Sotp.Core.Rules;

/// <summary>A stored alert rule: a series condition that files an alarm event while it holds and a restore when it stops.</summary>
public sealed record AlertRule(
    long Id,
    string Name,
    bool Enabled,
    string Metric,
    RuleScope Scope,
    long? ScopeId,
    RuleCondition Condition,
    double? Threshold,
    double? ClearThreshold,
    int ForSeconds,
    int? AbsenceSeconds,
    string Category,
    string Code,
    EventPriority Priority,
    string MessageTemplate,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    long Version)
{
    public bool Breaks(double value) => Condition switch
    {
        RuleCondition.Above => value > Threshold,
        RuleCondition.Below => value < Threshold,
        _ => false,
    };

    /// <summary>Whether a firing rule stops: past the clear threshold when there is one, else no longer breaking the threshold.</summary>
    public bool Clears(double value) => Condition switch
    {
        RuleCondition.Above => ClearThreshold is { } clear ? value < clear : value <= Threshold,
        RuleCondition.Below => ClearThreshold is { } clear ? value > clear : value >= Threshold,
        _ => true,
    };
}
