namespace Sotp.Core.Rules;

/// <summary>Where one series stands against one rule.</summary>
public enum RuleStatus
{
    Ok,

    /// <summary>The threshold is broken, but not yet for the rule's duration.</summary>
    Pending,

    Firing,
}
