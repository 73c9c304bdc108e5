using Sotp.Core.Events;

namespace Sotp.Core.Rules;

/// <summary>A rule's content as checked by <see cref="RuleInput.Validate"/>: what the store writes on create and update.</summary>
/// <param name="ScopeId">The group, site or device; null for <see cref="RuleScope.AllDevices"/>.</param>
/// <param name="ClearThreshold">Hysteresis: a firing ABOVE rule clears only below this (a BELOW rule only above it); null clears at the threshold.</param>
/// <param name="ForSeconds">How long the threshold must be broken before the rule fires (0: at the first point).</param>
/// <param name="AbsenceSeconds">ABSENT rules only: how long without a point before the rule fires.</param>
public sealed record RuleData(
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
    string MessageTemplate);
