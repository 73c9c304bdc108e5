namespace Sotp.Collectors.Satel;

/// <summary>The partition reads; each value is the command byte, whose answer is a 4-byte partition set.</summary>
public enum SatelPartitionQuery : byte
{
    /// <summary>Armed, including partitions whose arming is suppressed (0x09).</summary>
    Armed = 0x09,
    ReallyArmed = 0x0A,
    ArmedMode1 = 0x2A,
    ArmedMode2 = 0x0B,
    ArmedMode3 = 0x0C,
    EntryTime = 0x0E,
    ExitTimeOver10Seconds = 0x0F,
    ExitTimeUnder10Seconds = 0x10,
    Alarm = 0x13,
    FireAlarm = 0x14,
    AlarmMemory = 0x15,
    FireAlarmMemory = 0x16,
    WithViolatedZones = 0x25,
}
