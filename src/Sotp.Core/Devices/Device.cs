namespace Sotp.Core.Devices;

/// <param name="Address">Management address: IPv4, IPv6 or a host name.</param>
public sealed record Device(
    long Id,
    long SiteId,
    string Name,
    DeviceKind Kind,
    string Address,
    bool Enabled,
    DateTimeOffset CreatedAt,
    long Version);
