namespace Sotp.Core.Events;

/// <summary>How urgent an event is; an alarm takes the highest priority of its events. Ordered most urgent first.</summary>
public enum EventPriority
{
    Critical,
    High,
    Medium,
    Low,
    Info,
}
