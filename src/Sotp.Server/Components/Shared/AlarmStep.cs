using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Users;

namespace Sotp.Server.Components.Shared;

/// <summary>The operator's steps through an alarm's lifecycle, one button (and one key) each.</summary>
public enum AlarmStep
{
    Claim,
    Start,
    Acknowledge,
    Resolve,
    Close,
}

public static class AlarmSteps
{
    /// <summary>The one step the user may take next on the alarm: only the claimer moves a claimed alarm on (a MASTER may take over).</summary>
    public static AlarmStep? Next(Alarm alarm, Caller caller)
    {
        var mine = alarm.ClaimedById == caller.UserId || caller.Role == Role.Master;
        return alarm.State switch
        {
            AlarmState.New => AlarmStep.Claim,
            AlarmState.Claiming when mine => AlarmStep.Start,
            AlarmState.InProgress when mine => AlarmStep.Acknowledge,
            AlarmState.Ack when mine => AlarmStep.Resolve,
            AlarmState.Resolved => AlarmStep.Close,
            _ => null,
        };
    }
}
