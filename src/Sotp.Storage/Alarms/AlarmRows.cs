using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Events;

namespace Sotp.Storage.Alarms;

/// <summary>Rows of the alarm tables as Dapper reads them, and their conversion to the domain records.</summary>
internal static class AlarmRows
{
    public const string AlarmColumns =
        "id, site_id, device_id, category, priority, state, title, requires_note, silent, event_count, opened_at, last_event_at, last_activity_at, " +
        "claimed_by_id, claimed_by_name, claim_expires_at, acked_at, ack_note, resolved_at, closed_at, version";

    public const string EventColumns =
        "id, source, site_id, device_id, zone, category, code, priority, kind, message, occurred_at, received_at, dedup_key, repeats, alarm_id";

    public sealed class AlarmRow
    {
        public long Id { get; init; }
        public long SiteId { get; init; }
        public long? DeviceId { get; init; }
        public string Category { get; init; } = "";
        public string Priority { get; init; } = "";
        public string State { get; init; } = "";
        public string Title { get; init; } = "";
        public bool RequiresNote { get; init; }
        public bool Silent { get; init; }
        public int EventCount { get; init; }
        public DateTimeOffset OpenedAt { get; init; }
        public DateTimeOffset LastEventAt { get; init; }
        public DateTimeOffset LastActivityAt { get; init; }
        public long? ClaimedById { get; init; }
        public string? ClaimedByName { get; init; }
        public DateTimeOffset? ClaimExpiresAt { get; init; }
        public DateTimeOffset? AckedAt { get; init; }
        public string? AckNote { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public long Version { get; init; }

        public Alarm ToAlarm(IReadOnlyList<long> affected) => new(Id, SiteId, DeviceId, Category, EnumText.Parse<EventPriority>(Priority),
            EnumText.Parse<AlarmState>(State), Title, RequiresNote, Silent, EventCount, affected, OpenedAt, LastEventAt, LastActivityAt,
            ClaimedById, ClaimedByName, ClaimExpiresAt, AckedAt, AckNote, ResolvedAt, ClosedAt, Version);
    }

    public sealed class EventRow
    {
        public long Id { get; init; }
        public string Source { get; init; } = "";
        public long SiteId { get; init; }
        public long? DeviceId { get; init; }
        public string? Zone { get; init; }
        public string Category { get; init; } = "";
        public string Code { get; init; } = "";
        public string Priority { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Message { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string DedupKey { get; init; } = "";
        public int Repeats { get; init; }
        public long? AlarmId { get; init; }

        public EventRecord ToEvent() => new(Id, Source, SiteId, DeviceId, Zone, Category, Code, EnumText.Parse<EventPriority>(Priority),
            EnumText.Parse<EventKind>(Kind), Message, OccurredAt, ReceivedAt, DedupKey, Repeats, AlarmId);
    }

    public sealed class LogRow
    {
        public long Id { get; init; }
        public long AlarmId { get; init; }
        public DateTimeOffset At { get; init; }
        public string Kind { get; init; } = "";
        public long? ActorId { get; init; }
        public string ActorName { get; init; } = "";
        public string Text { get; init; } = "";

        public AlarmLogEntry ToEntry() => new(Id, AlarmId, At, EnumText.Parse<AlarmLogKind>(Kind), ActorId, ActorName, Text);
    }

    public sealed class OutboxRow
    {
        public long Seq { get; init; }
        public DateTimeOffset At { get; init; }
        public string Type { get; init; } = "";
        public long SiteId { get; init; }
        public string Payload { get; init; } = "";

        public OutboxMessage ToMessage() => new(Seq, At, Type, SiteId, Payload);
    }
}
