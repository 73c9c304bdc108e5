namespace Sotp.Core.Discovery;

/// <summary>Which proposals of a finished job become devices, by address.</summary>
public sealed record DiscoveryAcceptInput(IReadOnlyList<string>? Addresses);
