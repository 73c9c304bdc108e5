namespace Sotp.Collectors.Satel;

/// <summary>The zone reads; each value is the command byte, whose answer is a zone set.</summary>
public enum SatelZoneQuery : byte
{
    Violation = 0x00,
    Tamper = 0x01,
    Alarm = 0x02,
    TamperAlarm = 0x03,
    AlarmMemory = 0x04,
    TamperAlarmMemory = 0x05,
    Bypassed = 0x06,
    Masked = 0x28,
}
