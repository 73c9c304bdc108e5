using System.Data.Common;
using Dapper;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Notifications;
using Sotp.Storage.Inventory;
using static Sotp.Storage.Notifications.NotificationRows;

namespace Sotp.Storage.Notifications;

/// <summary>Channels (this file, with history and audit like the inventory) and their deliveries (<c>NotificationStore.Deliveries.cs</c>).</summary>
public sealed partial class NotificationStore(Store store, HistoryWriter history, TimeProvider time) : INotificationStore
{
    private const string EntityType = "notification_channel";

    public async Task<IReadOnlyList<NotificationChannel>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, null, cancellationToken);
    }

    public async Task<NotificationChannel?> GetChannelAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, null, id, cancellationToken)).SingleOrDefault();
    }

    public async Task<NotificationChannel> CreateChannelAsync(NotificationChannel channel, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO notification_channels (name, kind, min_priority, enabled, url, smtp_host, smtp_port, smtp_security, smtp_username, mail_from, mail_to, secret_id, created_at, escalation_only)
                VALUES (@Name, @kind, @minPriority, @Enabled, @Url, @SmtpHost, @SmtpPort, @smtpSecurity, @SmtpUsername, @MailFrom, @mailTo, @SecretId, @now, @EscalationOnly) RETURNING id
                """,
                Parameters(channel, 0, time.GetUtcNow()), write.Transaction, cancellationToken: cancellationToken));
            var created = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).Single();
            await history.RecordAsync(write, EntityType, id, created.Version, "created", null, created, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return created;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(channel.Name);
        }
    }

    public async Task<NotificationChannel> UpdateChannelAsync(long id, long expectedVersion, NotificationChannel channel, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
            await write.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE notification_channels SET name = @Name, kind = @kind, min_priority = @minPriority, enabled = @Enabled, url = @Url, smtp_host = @SmtpHost,
                    smtp_port = @SmtpPort, smtp_security = @smtpSecurity, smtp_username = @SmtpUsername, mail_from = @MailFrom, mail_to = @mailTo,
                    secret_id = @SecretId, escalation_only = @EscalationOnly, version = version + 1
                WHERE id = @id
                """,
                Parameters(channel, id, default), write.Transaction, cancellationToken: cancellationToken));
            var updated = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).Single();
            await history.RecordAsync(write, EntityType, id, updated.Version, "updated", before, updated, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return updated;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(channel.Name);
        }
    }

    public async Task DeleteChannelAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM notification_deliveries WHERE channel_id = @id AND status IN ('PENDING', 'RETRYING'); DELETE FROM notification_channels WHERE id = @id",
            new { id }, write.Transaction, cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    private static async Task<NotificationChannel> CurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var channel = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).SingleOrDefault()
            ?? throw DomainException.NotFound("notification channel", id);
        return channel.Version == expectedVersion
            ? channel
            : throw DomainException.StaleVersion("notification channel", id, channel.Version, expectedVersion);
    }

    private static async Task<List<NotificationChannel>> ReadAsync(DbConnection connection, DbTransaction? transaction, long? id, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ChannelRow>(new CommandDefinition(
            $"SELECT {ChannelColumns} FROM notification_channels {(id is null ? "" : "WHERE id = @id")} ORDER BY name, id",
            new { id }, transaction, cancellationToken: cancellationToken)))
        .Select(row => row.ToChannel()).ToList();

    private static DomainException NameTaken(string name) =>
        new(ErrorKind.Conflict, ErrorCodes.Conflict, $"There is a notification channel named '{name}' already.") { Field = "name" };
}
