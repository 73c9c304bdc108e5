using Dapper;
using Sotp.Core;
using Sotp.Core.Alarms;

namespace Sotp.Storage.Alarms;

/// <summary>
/// The writes every alarm transaction shares. <see cref="LockAsync"/> comes first in each: it serialises alarm
/// writers, so outbox seq numbers are handed out in commit order and two events cannot both open an alarm.
/// </summary>
internal static class AlarmWrites
{
    // Any constant works; it only has to be the same for every alarm writer of the database.
    private const long PostgresLockKey = 0x534F_5450_414C; // "SOTPAL"

    public static Task LockAsync(Store store, WriteTransaction write, CancellationToken cancellationToken) =>
        store.Provider == StoreProvider.Postgres
            ? write.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, write.Transaction, cancellationToken: cancellationToken))
            : Task.CompletedTask; // SQLite's BEGIN IMMEDIATE already holds the database's one write lock.

    public static Task<long> OutboxAsync(WriteTransaction write, string type, long siteId, object payload, DateTimeOffset at, CancellationToken cancellationToken) =>
        write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO outbox (seq, at, type, site_id, payload) SELECT COALESCE(MAX(seq), 0) + 1, @at, @type, @siteId, @payload FROM outbox RETURNING seq",
            new { at, type, siteId, payload = SotpJson.Serialize(payload) }, write.Transaction, cancellationToken: cancellationToken));

    public static Task LogAsync(WriteTransaction write, long alarmId, DateTimeOffset at, AlarmLogKind kind, Caller? caller, string text, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alarm_log (alarm_id, at, kind, actor_id, actor_name, text) VALUES (@alarmId, @at, @kind, @actorId, @actorName, @text)",
            new { alarmId, at, kind = kind.ToText(), actorId = caller?.UserId, actorName = caller?.Name ?? AlarmService.SystemName, text },
            write.Transaction, cancellationToken: cancellationToken));

    /// <summary>Writes every mutable field; refuses (returns false) when the row moved on since it was read.</summary>
    public static async Task<bool> UpdateAsync(WriteTransaction write, Alarm alarm, long readVersion, CancellationToken cancellationToken) =>
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alarms SET priority = @priority, state = @state, title = @Title, event_count = @EventCount, last_event_at = @LastEventAt,
                last_activity_at = @LastActivityAt, claimed_by_id = @ClaimedById, claimed_by_name = @ClaimedByName, claim_expires_at = @ClaimExpiresAt,
                acked_at = @AckedAt, ack_note = @AckNote, resolved_at = @ResolvedAt, closed_at = @ClosedAt, version = @Version
            WHERE id = @Id AND version = @readVersion
            """,
            new
            {
                priority = alarm.Priority.ToText(), state = alarm.State.ToText(), alarm.Title, alarm.EventCount, alarm.LastEventAt, alarm.LastActivityAt,
                alarm.ClaimedById, alarm.ClaimedByName, alarm.ClaimExpiresAt, alarm.AckedAt, alarm.AckNote, alarm.ResolvedAt, alarm.ClosedAt,
                alarm.Version, alarm.Id, readVersion,
            },
            write.Transaction, cancellationToken: cancellationToken)) == 1;
}
