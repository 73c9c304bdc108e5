using Sotp.Core;
using Sotp.Core.Events;
using Sotp.Core.Rules;

namespace Sotp.Storage.Rules;

/// <summary>An alert_rules row as Dapper reads it (enums as their UPPER_SNAKE text).</summary>
internal sealed class AlertRuleRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public bool Enabled { get; init; }
    public string Metric { get; init; } = "";
    public string Scope { get; init; } = "";
    public long? ScopeId { get; init; }
    public string Condition { get; init; } = "";
    public double? Threshold { get; init; }
    public double? ClearThreshold { get; init; }
    public int ForSeconds { get; init; }
    public int? AbsenceSeconds { get; init; }
    public string Category { get; init; } = "";
    public string Code { get; init; } = "";
    public string Priority { get; init; } = "";
    public string MessageTemplate { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public long Version { get; init; }

    public AlertRule ToRule() => new(Id, Name, Enabled, Metric, EnumText.Parse<RuleScope>(Scope), ScopeId, EnumText.Parse<RuleCondition>(Condition),
        Threshold, ClearThreshold, ForSeconds, AbsenceSeconds, Category, Code, EnumText.Parse<EventPriority>(Priority), MessageTemplate, CreatedAt, UpdatedAt, Version);
}
