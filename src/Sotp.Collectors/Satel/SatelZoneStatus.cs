namespace Sotp.Collectors.Satel;

/// <summary>What an operator needs to know about a zone, most urgent last; <see cref="Unknown"/> until read.</summary>
public enum SatelZoneStatus
{
    Unknown,
    Normal,
    Violated,
    Bypassed,
    Tamper,
    TamperAlarm,
    Alarm,
}
