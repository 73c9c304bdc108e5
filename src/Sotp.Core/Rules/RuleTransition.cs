namespace Sotp.Core.Rules;

/// <summary>What a point or a tick did to a series' state: the two changes that file an event.</summary>
public enum RuleTransition
{
    None,
    Fired,
    Cleared,
}
