namespace Sotp.Core.Rules;

/// <summary>When a series breaks a rule.</summary>
public enum RuleCondition
{
    /// <summary>The value is above the threshold (for the rule's duration); clears below the clear threshold.</summary>
    Above,

    /// <summary>The value is below the threshold (for the rule's duration); clears above the clear threshold.</summary>
    Below,

    /// <summary>No point has arrived for the rule's absence time; clears with the next point.</summary>
    Absent,
}
