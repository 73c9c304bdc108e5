namespace Sotp.Core.Monitoring;

/// <summary>One probe of a device as the status logic sees it.</summary>
/// <param name="Answered">True when at least one echo request was answered.</param>
/// <param name="Detail">A short human description ("20.4 ms, 0 % loss", "host unreachable").</param>
public readonly record struct ProbeVerdict(bool Answered, DateTimeOffset At, string Detail);
