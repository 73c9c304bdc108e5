namespace Sotp.Core.Monitoring;

/// <summary>How many of the caller's enabled devices are up, down and unknown, with the states asked for.</summary>
public sealed record StatusOverview(int Up, int Down, int Unknown, IReadOnlyList<DeviceState> Items);
