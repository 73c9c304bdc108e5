namespace Sotp.Core.Events;

/// <summary>Something a collector or an outside system reports. The alarm core stores it once per <see cref="DedupKey"/>.</summary>
/// <param name="Source">Who reported it: "icmp", "snmp", "satel", "api".</param>
/// <param name="SiteId">The protected or monitored site; taken from the device when only the device is given.</param>
/// <param name="Zone">A zone of an alarm panel or an interface of a network device, when the event is about one.</param>
/// <param name="Category">What kind of problem, e.g. "availability", "intrusion", "tamper", "trouble", "temperature"; alarms group by site and category.</param>
/// <param name="Code">The precise cause within the category, e.g. "device_down", "zone_alarm", "link_down".</param>
/// <param name="DedupKey">A repeated key is counted on the first event, not stored twice (e.g. "{panel}:{code}:{zone}:{minute}").</param>
public sealed record EventInput(
    string Source,
    long? SiteId,
    long? DeviceId,
    string? Zone,
    string Category,
    string Code,
    EventPriority Priority,
    EventKind Kind,
    string Message,
    DateTimeOffset OccurredAt,
    string DedupKey);
