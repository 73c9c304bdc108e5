using Sotp.Core.Events;

namespace Sotp.Core.Devices;

/// <summary>Something we poll or that reports to us.</summary>
/// <param name="Address">Management address: IPv4, IPv6 or a host name.</param>
/// <param name="ParentId">The device this one depends on (its uplink); never a cycle.</param>
/// <param name="PriorityOverride">Replaces the priority of every event of this device (service mode still lowers it); null keeps the event's own.</param>
public sealed record Device(
    long Id,
    long SiteId,
    string Name,
    DeviceKind Kind,
    string? Vendor,
    string? Model,
    string Address,
    IReadOnlyList<string> Tags,
    long? ParentId,
    bool Enabled,
    int IcmpIntervalSeconds,
    int SnmpIntervalSeconds,
    DeviceCredentials Credentials,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    long Version,
    EventPriority? PriorityOverride = null);
