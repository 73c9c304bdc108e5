using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Escalation;
using Sotp.Core.Events;

namespace Sotp.Storage.Escalation;

/// <summary>Rows of the escalation tables as Dapper reads and writes them.</summary>
internal static class EscalationRows
{
    public const string PolicyColumns = "id, name, enabled, site_id, min_priority, steps, repeat_every_minutes, repeat_count, created_at, updated_at, version";

    public const string StateColumns = "alarm_id, policy_id, fired, next_at";

    public static object Parameters(EscalationPolicy policy, long id, DateTimeOffset now) => new
    {
        id,
        now,
        policy.Name,
        policy.Enabled,
        policy.SiteId,
        minPriority = policy.MinPriority.ToText(),
        steps = SotpJson.Serialize(policy.Steps),
        policy.RepeatEveryMinutes,
        policy.RepeatCount,
    };

    public sealed class PolicyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public bool Enabled { get; init; }
        public long? SiteId { get; init; }
        public string MinPriority { get; init; } = "";
        public string Steps { get; init; } = "[]";
        public long? RepeatEveryMinutes { get; init; }
        public long RepeatCount { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public long Version { get; init; }

        public EscalationPolicy ToPolicy() => new(Id, Name, Enabled, SiteId, EnumText.Parse<EventPriority>(MinPriority),
            JsonSerializer.Deserialize<List<EscalationStep>>(Steps, SotpJson.Options) ?? [], (int?)RepeatEveryMinutes, (int)RepeatCount, CreatedAt, UpdatedAt, Version);
    }

    public sealed class StateRow
    {
        public long AlarmId { get; init; }
        public long? PolicyId { get; init; }
        public long Fired { get; init; }
        public DateTimeOffset? NextAt { get; init; }

        public AlarmEscalation ToState() => new(AlarmId, PolicyId, (int)Fired, NextAt);
    }
}
