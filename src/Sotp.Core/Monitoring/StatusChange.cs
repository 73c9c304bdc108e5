namespace Sotp.Core.Monitoring;

/// <summary>A device's status moved. Every change is an event for the alarm core and a point in the time series.</summary>
/// <param name="Reason">What the last probe saw, e.g. "3 of 3 echo requests lost" or "host unreachable".</param>
public sealed record StatusChange(long DeviceId, DeviceStatus From, DeviceStatus To, DateTimeOffset At, string Reason);
