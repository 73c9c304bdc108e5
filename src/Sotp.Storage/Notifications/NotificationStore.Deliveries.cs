using Dapper;
using Sotp.Core;
using Sotp.Core.Notifications;
using static Sotp.Storage.Notifications.NotificationRows;

namespace Sotp.Storage.Notifications;

public sealed partial class NotificationStore
{
    public async Task<long> PlannedThroughAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT planned_through FROM notification_cursor WHERE id = 1", cancellationToken: cancellationToken));
    }

    public async Task PlanAsync(IReadOnlyList<PlannedDelivery> deliveries, long throughSeq, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        foreach (var delivery in deliveries)
        {
            await InsertDeliveryAsync(write, delivery, 0, now, cancellationToken);
        }

        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notification_cursor SET planned_through = @throughSeq WHERE id = 1 AND planned_through < @throughSeq",
            new { throughSeq }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<long>> TriggeredChannelsAsync(long alarmId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT channel_id FROM notification_deliveries WHERE alarm_id = @alarmId AND event IN ('TRIGGER', 'ESCALATE')", new { alarmId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<Delivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"SELECT {DeliveryColumns} FROM notification_deliveries WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit",
            new { now, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToDelivery()).ToList();
    }

    public async Task<bool> ClaimAsync(Delivery delivery, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_deliveries SET next_attempt_at = @leaseUntil
            WHERE id = @Id AND attempts = @Attempts AND status IN ('PENDING', 'RETRYING') AND next_attempt_at <= @now
            """,
            new { delivery.Id, delivery.Attempts, now, leaseUntil }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task RecordAttemptAsync(Delivery delivery, NotificationAttempt attempt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var status = attempt.Status.ToText();
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_attempts (delivery_id, alarm_id, channel_id, channel_name, kind, event, attempt, at, status, response, error)
            VALUES (@deliveryId, @AlarmId, @ChannelId, @ChannelName, @kind, @event, @Attempt, @At, @status, @Response, @Error)
            """,
            new { deliveryId = delivery.Id, attempt.AlarmId, attempt.ChannelId, attempt.ChannelName, kind = attempt.Kind.ToText(), @event = attempt.Event.ToText(),
                attempt.Attempt, attempt.At, status, attempt.Response, attempt.Error },
            write.Transaction, cancellationToken: cancellationToken));
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notification_deliveries SET status = @status, attempts = @Attempt, next_attempt_at = @next WHERE id = @Id",
            new { delivery.Id, status, attempt.Attempt, next = nextAttemptAt ?? attempt.At }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationAttempt>> AttemptsAsync(long alarmId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            $"SELECT {AttemptColumns} FROM notification_attempts WHERE alarm_id = @alarmId ORDER BY id", new { alarmId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToAttempt()).ToList();
    }

    /// <summary>
    /// Owes one delivery, due now. ON CONFLICT DO NOTHING: a second node (or a replay after a crash) planning the same change
    /// writes nothing. <paramref name="round"/> tells an escalation's repeats to one channel apart (0 for everything else).
    /// </summary>
    internal static Task InsertDeliveryAsync(WriteTransaction write, PlannedDelivery delivery, int round, DateTimeOffset now, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_deliveries (channel_id, alarm_id, event, escalation_round, alarm_json, status, attempts, next_attempt_at, created_at)
            VALUES (@ChannelId, @alarmId, @event, @round, @alarmJson, 'PENDING', 0, @now, @now) ON CONFLICT DO NOTHING
            """,
            new { delivery.ChannelId, alarmId = delivery.Alarm.Id, @event = delivery.Event.ToText(), round, alarmJson = SotpJson.Serialize(delivery.Alarm), now },
            write.Transaction, cancellationToken: cancellationToken));
}
