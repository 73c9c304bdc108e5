namespace Sotp.Core.Snmp;

/// <summary>
/// A device's SNMP state on this node, from memory: how the last poll went and why, when one last succeeded, and
/// what that one read. After a failed poll the system and interfaces are those of the last success (see
/// <see cref="LastSuccessAt"/>) without rates, CPU or memory: nothing was measured.
/// </summary>
public sealed record SnmpDeviceView(
    long DeviceId,
    SnmpPollStatus Status,
    string? Reason,
    DateTimeOffset? LastPollAt,
    DateTimeOffset? LastSuccessAt,
    SnmpSystemView? System,
    IReadOnlyList<SnmpInterfaceView> Interfaces,
    double? CpuPercent,
    double? MemoryUsedPercent)
{
    public static SnmpDeviceView NotPolled(long deviceId, string reason) => new(deviceId, SnmpPollStatus.NotPolled, reason, null, null, null, [], null, null);
}
