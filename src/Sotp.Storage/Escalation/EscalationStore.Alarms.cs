using Dapper;
using Sotp.Core.Alarms;
using Sotp.Core.Escalation;
using Sotp.Storage.Alarms;
using Sotp.Storage.Notifications;
using static Sotp.Storage.Escalation.EscalationRows;

namespace Sotp.Storage.Escalation;

public sealed partial class EscalationStore
{
    public async Task<IReadOnlyList<Alarm>> UnstartedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await AlarmStore.ReadAlarmsAsync(connection,
            // Only NEW alarms can start escalating; the state filter also keeps this look from reading the whole alarm history.
            "state = 'NEW' AND NOT EXISTS (SELECT 1 FROM alarm_escalations e WHERE e.alarm_id = alarms.id) ORDER BY id LIMIT @limit", new { limit }, null, cancellationToken);
    }

    public async Task StartAsync(long alarmId, long? policyId, DateTimeOffset? nextAt, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alarm_escalations (alarm_id, policy_id, fired, next_at) VALUES (@alarmId, @policyId, 0, @nextAt) ON CONFLICT DO NOTHING",
            new { alarmId, policyId, nextAt }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AlarmEscalation>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(
            $"SELECT {StateColumns} FROM alarm_escalations WHERE next_at IS NOT NULL AND next_at <= @now ORDER BY next_at, alarm_id LIMIT @limit",
            new { now, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToState()).ToList();
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(
            $"SELECT {StateColumns} FROM alarm_escalations WHERE next_at IS NOT NULL ORDER BY next_at LIMIT 1", cancellationToken: cancellationToken));
        return rows.SingleOrDefault()?.NextAt;
    }

    public async Task<AlarmEscalation?> ForAlarmAsync(long alarmId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
            $"SELECT {StateColumns} FROM alarm_escalations WHERE alarm_id = @alarmId", new { alarmId }, cancellationToken: cancellationToken));
        return row?.ToState();
    }

    public async Task<EscalationWrite?> AdvanceAsync(AlarmEscalation escalation, Func<Alarm, EscalationWrite?> decide, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("escalation.advance");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await AlarmWrites.LockAsync(store, write, cancellationToken);
        var alarm = (await AlarmStore.ReadAlarmsAsync(write.Connection, "id = @id", new { id = escalation.AlarmId }, write.Transaction, cancellationToken)).SingleOrDefault();
        var turn = alarm is null ? new EscalationWrite(escalation.Fired, null) : decide(alarm);
        if (turn is null)
        {
            return null;
        }

        // Only from the state this turn was decided on: a second node that moved it first makes this a no-op.
        if (await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE alarm_escalations SET fired = @Fired, next_at = @NextAt WHERE alarm_id = @AlarmId AND fired = @expected",
                new { turn.Fired, turn.NextAt, escalation.AlarmId, expected = escalation.Fired }, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        if (turn.Delivery is { } delivery)
        {
            await NotificationStore.InsertDeliveryAsync(write, delivery, turn.Round, now, cancellationToken);
        }

        if (turn.LogText is { } text)
        {
            await AlarmWrites.LogAsync(write, escalation.AlarmId, now, AlarmLogKind.Escalation, null, text, cancellationToken);
        }

        if (turn.Notice is { } notice)
        {
            await AlarmWrites.OutboxAsync(write, OutboxTypes.AlarmEscalated, alarm!.SiteId, notice, now, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return turn;
    }
}
