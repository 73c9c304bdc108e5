namespace Sotp.Core.Events;

/// <summary>An event as stored: enriched with its site and final priority, and linked to the alarm it joined.</summary>
/// <param name="Repeats">How many more times the same dedup key arrived after this event.</param>
/// <param name="AlarmId">Null for signals.</param>
public sealed record EventRecord(
    long Id,
    string Source,
    long SiteId,
    long? DeviceId,
    string? Zone,
    string Category,
    string Code,
    EventPriority Priority,
    EventKind Kind,
    string Message,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string DedupKey,
    int Repeats,
    long? AlarmId);
