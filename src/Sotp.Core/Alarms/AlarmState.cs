namespace Sotp.Core.Alarms;

/// <summary>Where an alarm is in its handling. The order of the members is the order of the lifecycle.</summary>
public enum AlarmState
{
    /// <summary>Waiting for an operator.</summary>
    New,

    /// <summary>An operator took it and must confirm within the claim TTL, or a reaper returns it to NEW.</summary>
    Claiming,

    InProgress,

    /// <summary>Acknowledged, with a note where the alarm requires one.</summary>
    Ack,

    /// <summary>The cause is gone. A new event opens a new alarm; closed by hand or automatically after quiet time.</summary>
    Resolved,

    Closed,
}

public static class AlarmStates
{
    /// <summary>States in which an alarm still takes new events of its site and category.</summary>
    public static readonly IReadOnlyList<AlarmState> Open = [AlarmState.New, AlarmState.Claiming, AlarmState.InProgress, AlarmState.Ack];

    public static bool IsOpen(this AlarmState state) => state < AlarmState.Resolved;
}
