namespace Sotp.Core.Monitoring;

/// <summary>What the screen shows for a device right now, served from memory.</summary>
/// <param name="Since">When the device entered <paramref name="Status"/>.</param>
/// <param name="RttMs">Average round-trip time of the last probe; null when nothing answered.</param>
/// <param name="LossPercent">Loss of the last probe, 0-100.</param>
public sealed record DeviceState(
    long DeviceId,
    DeviceStatus Status,
    DateTimeOffset? Since,
    DateTimeOffset? LastProbeAt,
    double? RttMs,
    double? LossPercent,
    string? Detail);
