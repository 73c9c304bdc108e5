using Sotp.Core.Events;

namespace Sotp.Core.Devices;

/// <summary>The editable fields of a device, validated (see <see cref="DeviceInput.Validate"/>).</summary>
public sealed record DeviceData(
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
    EventPriority? PriorityOverride = null);
