namespace Sotp.Core.Monitoring;

/// <summary>
/// Decides UP / DOWN for one device from consecutive probes. One answered probe is enough for UP; DOWN needs
/// <see cref="FailuresBeforeDown"/> unanswered probes in a row, so a single lost probe on a busy link does not
/// wake an operator. Not thread-safe: each device's probes run one at a time.
/// </summary>
public sealed class StatusTracker(long deviceId, int failuresBeforeDown)
{
    private int _failures;

    public long DeviceId { get; } = deviceId;

    public int FailuresBeforeDown { get; } = failuresBeforeDown >= 1
        ? failuresBeforeDown
        : throw new ArgumentOutOfRangeException(nameof(failuresBeforeDown), "At least one failed probe is needed before DOWN.");

    public DeviceStatus Status { get; private set; } = DeviceStatus.Unknown;

    /// <returns>The change this probe caused, or null when the status stays.</returns>
    public StatusChange? Record(ProbeVerdict verdict)
    {
        var from = Status;
        if (verdict.Answered)
        {
            _failures = 0;
            Status = DeviceStatus.Up;
        }
        else if (++_failures >= FailuresBeforeDown)
        {
            Status = DeviceStatus.Down;
        }

        return Status == from ? null : new StatusChange(DeviceId, from, Status, verdict.At, verdict.Detail);
    }

    /// <summary>The device is no longer polled (disabled or deleted): its status is no longer known.</summary>
    public StatusChange? Forget(DateTimeOffset at, string reason)
    {
        var from = Status;
        _failures = 0;
        Status = DeviceStatus.Unknown;
        return from == DeviceStatus.Unknown ? null : new StatusChange(DeviceId, from, DeviceStatus.Unknown, at, reason);
    }
}
