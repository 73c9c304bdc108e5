namespace Sotp.Core.Monitoring;

/// <summary>Whether a device answers. UNKNOWN until the first verdict, and again when it is not polled.</summary>
public enum DeviceStatus
{
    Unknown,
    Up,
    Down,
}
