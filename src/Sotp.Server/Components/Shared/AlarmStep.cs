namespace Sotp.Server.Components.Shared;

/// <summary>The operator's steps through an alarm's lifecycle, one button each.</summary>
public enum AlarmStep
{
    Claim,
    Start,
    Acknowledge,
    Resolve,
    Close,
}
