using System.Data.Common;
using System.Globalization;
using Dapper;
using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Events;
using static Sotp.Storage.Alarms.AlarmRows;

namespace Sotp.Storage.Alarms;

/// <summary>Alarms, events, dispatch logs and affected devices on either provider; every write also writes its outbox message.</summary>
public sealed class AlarmStore(Store store, StoreMetrics metrics) : IAlarmStore
{
    public async Task<IngestOutcome> IngestAsync(EventInput input, EventRouting routing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("alarms.ingest");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await AlarmWrites.LockAsync(store, write, cancellationToken);

        var existing = await write.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM events WHERE dedup_key = @DedupKey", new { input.DedupKey }, write.Transaction, cancellationToken: cancellationToken));
        if (existing is { } duplicateId)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE events SET repeats = repeats + 1 WHERE id = @duplicateId", new { duplicateId }, write.Transaction, cancellationToken: cancellationToken));
            await write.CommitAsync(cancellationToken);
            return new IngestOutcome(IngestResult.Duplicate, duplicateId, null);
        }

        var (result, alarm) = input.Kind == EventKind.Signal
            ? (IngestResult.Signal, null)
            : await FileInAlarmAsync(write, input, routing, now, cancellationToken);
        var eventId = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            INSERT INTO events (dedup_key, source, site_id, device_id, zone, category, code, priority, kind, message, occurred_at, received_at, alarm_id)
            VALUES (@DedupKey, @Source, @SiteId, @DeviceId, @Zone, @Category, @Code, @priority, @kind, @Message, @OccurredAt, @now, @alarmId) RETURNING id
            """,
            new
            {
                input.DedupKey, input.Source, routing.SiteId, input.DeviceId, input.Zone, input.Category, input.Code, priority = routing.Priority.ToText(),
                kind = input.Kind.ToText(), input.Message, input.OccurredAt, now, alarmId = alarm?.Id,
            },
            write.Transaction, cancellationToken: cancellationToken));
        if (alarm is null)
        {
            var stored = await ReadEventsAsync(write.Connection, "id = @eventId", new { eventId }, write.Transaction, cancellationToken);
            await AlarmWrites.OutboxAsync(write, OutboxTypes.Signal, routing.SiteId, stored[0], now, cancellationToken);
        }
        else
        {
            await AlarmWrites.LogAsync(write, alarm.Id, now, AlarmLogKind.Event, null, $"{input.Code}: {input.Message}", cancellationToken);
            await AlarmWrites.OutboxAsync(write, result == IngestResult.Opened ? OutboxTypes.AlarmOpened : OutboxTypes.AlarmChanged, alarm.SiteId, alarm, now, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return new IngestOutcome(result, eventId, alarm);
    }

    public async Task<Alarm?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await ReadAlarmsAsync(connection, "id = @id", new { id }, null, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<AlarmTimes>> ResponseTimesAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<long>? onlySites,
        CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("alarms.response_times");
        var sql = new ListSql().IdIn("site_id", onlySites).Where("opened_at >= @from", "from", from).Where("opened_at < @to", "to", to);
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlarmTimesRow>(new CommandDefinition(
            $"SELECT id, site_id, device_id, claimed_by_name, opened_at, acked_at, resolved_at FROM alarms {sql.WhereClause}", sql.Parameters,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AlarmTimes(r.Id, r.SiteId, r.DeviceId, r.ClaimedByName, r.OpenedAt, r.AckedAt, r.ResolvedAt))];
    }

    public async Task<Page<Alarm>> ListAsync(AlarmFilter filter, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("alarms.list");
        var sql = new ListSql()
            .IdIn("site_id", onlySites)
            .WhereSet(filter.SiteId, "site_id = @siteId", "siteId")
            .WhereSet(filter.DeviceId, "device_id = @deviceId", "deviceId")
            .WhereSet(filter.Priority?.ToText(), "priority = @priority", "priority");
        if (filter.States is { } states)
        {
            sql.Where($"state IN ({string.Join(", ", states.Select(s => $"'{s.ToText()}'"))})");
        }

        await using var connection = await store.OpenAsync(cancellationToken);
        // The console's order: most urgent first (CRITICAL sorts first as text too), then oldest first.
        var page = await sql.PageAsync<AlarmRow>(connection, "alarms", AlarmColumns, new ListQuery(filter.Page, filter.PageSize, "rank"),
            new Dictionary<string, string> { ["rank"] = PriorityRank + ", opened_at" }, "rank", cancellationToken);
        var affected = await AffectedAsync(connection, page.Items.Select(row => row.Id).ToList(), null, cancellationToken);
        return new Page<Alarm>(page.Items.Select(row => row.ToAlarm(affected.GetValueOrDefault(row.Id, []))).ToList(), page.Total);
    }

    public async Task<Alarm?> ChangeAsync(long id, Func<Alarm, AlarmChange?> decide, Caller? caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("alarms.change");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await AlarmWrites.LockAsync(store, write, cancellationToken);
        var current = (await ReadAlarmsAsync(write.Connection, "id = @id", new { id }, write.Transaction, cancellationToken)).SingleOrDefault();
        if (current is null || decide(current) is not { } change)
        {
            return null;
        }

        // Under the lock nobody else can have moved the row; the version check guards against a decide() that
        // forgot to raise the version.
        if (!await AlarmWrites.UpdateAsync(write, change.Updated, current.Version, cancellationToken) || change.Updated.Version != current.Version + 1)
        {
            throw new InvalidOperationException($"Alarm {id} changed without its version going from {current.Version} to {current.Version + 1}.");
        }

        await AlarmWrites.LogAsync(write, id, change.Updated.LastActivityAt, change.Kind, caller, change.LogText, cancellationToken);
        await AlarmWrites.OutboxAsync(write, OutboxTypes.AlarmChanged, change.Updated.SiteId, change.Updated, change.Updated.LastActivityAt, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return change.Updated;
    }

    public async Task<Alarm?> FindOpenForDeviceAsync(long deviceId, string category, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await ReadAlarmsAsync(connection, $"device_id = @deviceId AND category = @category AND state IN ({OpenStates}) ORDER BY id DESC LIMIT 1",
            new { deviceId, category }, null, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<long>> DueForHousekeepingAsync(DateTimeOffset now, DateTimeOffset quietSince, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT id FROM alarms WHERE (state = '{AlarmState.Claiming.ToText()}' AND claim_expires_at <= @now)
                OR (state = '{AlarmState.Resolved.ToText()}' AND last_activity_at <= @quietSince)
            ORDER BY id
            """, new { now, quietSince }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<AlarmLogEntry>> LogAsync(long alarmId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LogRow>(new CommandDefinition(
            "SELECT id, alarm_id, at, kind, actor_id, actor_name, text FROM alarm_log WHERE alarm_id = @alarmId ORDER BY id", new { alarmId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToEntry()).ToList();
    }

    public async Task<IReadOnlyList<EventRecord>> EventsAsync(long alarmId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadEventsAsync(connection, "alarm_id = @alarmId ORDER BY id", new { alarmId }, null, cancellationToken);
    }

    public async Task<Page<EventRecord>> SiteEventsAsync(long siteId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM events WHERE site_id = @siteId", new { siteId }, cancellationToken: cancellationToken));
        var items = await ReadEventsAsync(connection, "site_id = @siteId ORDER BY id DESC LIMIT @limit OFFSET @offset",
            new { siteId, limit = pageSize, offset = (page - 1) * pageSize }, null, cancellationToken);
        return new Page<EventRecord>(items, total);
    }

    public async Task<int> CountOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM alarms WHERE state IN ({OpenStates})", cancellationToken: cancellationToken));
    }

    private static readonly string OpenStates = string.Join(", ", AlarmStates.Open.Select(s => $"'{s.ToText()}'"));

    private static readonly string PriorityRank =
        "CASE priority " + string.Join(" ", Enum.GetValues<EventPriority>().Select(p => $"WHEN '{p.ToText()}' THEN {(int)p}")) + " END";

    private static async Task<(IngestResult, Alarm)> FileInAlarmAsync(WriteTransaction write, EventInput input, EventRouting routing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (routing.CorrelateToDeviceId is { } parentId)
        {
            var parentAlarm = (await ReadAlarmsAsync(write.Connection,
                $"device_id = @parentId AND category = @Category AND state IN ({OpenStates}) ORDER BY id DESC LIMIT 1",
                new { parentId, input.Category }, write.Transaction, cancellationToken)).SingleOrDefault();
            if (parentAlarm is not null && input.DeviceId is { } deviceId)
            {
                await write.Connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO alarm_affected (alarm_id, device_id, since) SELECT @alarmId, @deviceId, @now WHERE NOT EXISTS (SELECT 1 FROM alarm_affected WHERE alarm_id = @alarmId AND device_id = @deviceId)",
                    new { alarmId = parentAlarm.Id, deviceId, now }, write.Transaction, cancellationToken: cancellationToken));
                var affected = (await AffectedAsync(write.Connection, [parentAlarm.Id], write.Transaction, cancellationToken)).GetValueOrDefault(parentAlarm.Id, []);
                var withAffected = Joined(parentAlarm, input, routing, now) with { AffectedDeviceIds = affected, Title = AffectedTitle(parentAlarm.Title, affected.Count) };
                await UpdateOrThrowAsync(write, withAffected, parentAlarm.Version, cancellationToken);
                return (IngestResult.Affected, withAffected);
            }
        }

        var open = (await ReadAlarmsAsync(write.Connection,
            $"site_id = @SiteId AND category = @Category AND state IN ({OpenStates}) AND last_event_at >= @windowStart ORDER BY id DESC LIMIT 1",
            new { routing.SiteId, input.Category, windowStart = input.OccurredAt - routing.BundleWindow }, write.Transaction, cancellationToken)).SingleOrDefault();
        if (open is not null)
        {
            var joined = Joined(open, input, routing, now);
            await UpdateOrThrowAsync(write, joined, open.Version, cancellationToken);
            return (IngestResult.Joined, joined);
        }

        var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO alarms (site_id, device_id, category, priority, state, title, requires_note, silent, event_count, opened_at, last_event_at, last_activity_at, version)
            VALUES (@SiteId, @DeviceId, @Category, @priority, @state, @Title, @RequiresNote, @Silent, 1, @now, @OccurredAt, @now, 1) RETURNING id
            """,
            new
            {
                routing.SiteId, input.DeviceId, input.Category, priority = routing.Priority.ToText(), state = AlarmState.New.ToText(), routing.Title,
                routing.RequiresNote, routing.Silent, now, input.OccurredAt,
            },
            write.Transaction, cancellationToken: cancellationToken));
        return (IngestResult.Opened, (await ReadAlarmsAsync(write.Connection, "id = @id", new { id }, write.Transaction, cancellationToken)).Single());
    }

    /// <summary>The alarm after one more event: counted, the most urgent priority kept, the time of the latest event.</summary>
    private static Alarm Joined(Alarm alarm, EventInput input, EventRouting routing, DateTimeOffset now) => alarm with
    {
        EventCount = alarm.EventCount + 1,
        Priority = routing.Priority < alarm.Priority ? routing.Priority : alarm.Priority,
        LastEventAt = input.OccurredAt > alarm.LastEventAt ? input.OccurredAt : alarm.LastEventAt,
        LastActivityAt = now,
        Version = alarm.Version + 1,
    };

    /// <summary>"core-sw-1: no answer (3 devices affected)": the count is rewritten as devices join.</summary>
    private static string AffectedTitle(string title, int count)
    {
        var marker = title.LastIndexOf(" (", StringComparison.Ordinal);
        var bare = marker > 0 && title.EndsWith(" affected)", StringComparison.Ordinal) ? title[..marker] : title;
        return $"{bare} ({count.ToString(CultureInfo.InvariantCulture)} device{(count == 1 ? "" : "s")} affected)";
    }

    private static async Task UpdateOrThrowAsync(WriteTransaction write, Alarm alarm, long readVersion, CancellationToken cancellationToken)
    {
        if (!await AlarmWrites.UpdateAsync(write, alarm, readVersion, cancellationToken))
        {
            throw new InvalidOperationException($"Alarm {alarm.Id} changed under the alarm lock.");
        }
    }

    internal static async Task<List<Alarm>> ReadAlarmsAsync(DbConnection connection, string whereAndOrder, object parameters, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<AlarmRow>(new CommandDefinition(
            $"SELECT {AlarmColumns} FROM alarms WHERE {whereAndOrder}", parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var affected = await AffectedAsync(connection, rows.Select(row => row.Id).ToList(), transaction, cancellationToken);
        return rows.Select(row => row.ToAlarm(affected.GetValueOrDefault(row.Id, []))).ToList();
    }

    private static async Task<List<EventRecord>> ReadEventsAsync(DbConnection connection, string whereAndOrder, object parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventColumns} FROM events WHERE {whereAndOrder}", parameters, transaction, cancellationToken: cancellationToken))).Select(row => row.ToEvent()).ToList();

    private static async Task<Dictionary<long, IReadOnlyList<long>>> AffectedAsync(DbConnection connection, IReadOnlyList<long> alarmIds, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (alarmIds.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(long AlarmId, long DeviceId)>(new CommandDefinition(
            $"SELECT alarm_id, device_id FROM alarm_affected WHERE alarm_id IN ({string.Join(',', alarmIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))}) ORDER BY alarm_id, device_id",
            transaction: transaction, cancellationToken: cancellationToken));
        return rows.GroupBy(row => row.AlarmId).ToDictionary(group => group.Key, group => (IReadOnlyList<long>)group.Select(row => row.DeviceId).ToList());
    }

    private sealed class AlarmTimesRow
    {
        public long Id { get; init; }

        public long SiteId { get; init; }

        public long? DeviceId { get; init; }

        public string? ClaimedByName { get; init; }

        public DateTimeOffset OpenedAt { get; init; }

        public DateTimeOffset? AckedAt { get; init; }

        public DateTimeOffset? ResolvedAt { get; init; }
    }
}
