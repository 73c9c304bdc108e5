namespace Sotp.Collectors.Satel;

/// <summary>What an operator needs to know about a partition, most urgent last; <see cref="Unknown"/> until read.</summary>
public enum SatelPartitionStatus
{
    Unknown,
    Disarmed,
    Armed,
    ExitTime,
    EntryTime,
    Alarm,
    FireAlarm,
}
