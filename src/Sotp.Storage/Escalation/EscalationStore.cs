using System.Data.Common;
using Dapper;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Escalation;
using Sotp.Core.History;
using Sotp.Storage.Inventory;
using static Sotp.Storage.Escalation.EscalationRows;

namespace Sotp.Storage.Escalation;

/// <summary>Policies (this file, with history and audit like the rules) and each alarm's escalation (<c>EscalationStore.Alarms.cs</c>).</summary>
public sealed partial class EscalationStore(Store store, StoreMetrics metrics, HistoryWriter history, TimeProvider time) : IEscalationStore
{
    private const string EntityType = "escalation_policy";

    public async Task<IReadOnlyList<EscalationPolicy>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, null, cancellationToken);
    }

    public async Task<EscalationPolicy?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, null, id, cancellationToken)).SingleOrDefault();
    }

    public async Task<EscalationPolicy> CreateAsync(EscalationPolicy policy, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("escalation_policies.create");
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            await CheckReferencesAsync(write, policy, cancellationToken);
            var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO escalation_policies (name, enabled, site_id, min_priority, steps, repeat_every_minutes, repeat_count, created_at)
                VALUES (@Name, @Enabled, @SiteId, @minPriority, @steps, @RepeatEveryMinutes, @RepeatCount, @now) RETURNING id
                """,
                Parameters(policy, 0, time.GetUtcNow()), write.Transaction, cancellationToken: cancellationToken));
            var created = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).Single();
            await history.RecordAsync(write, EntityType, id, created.Version, "created", null, created, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return created;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(policy.Name);
        }
    }

    public async Task<EscalationPolicy> UpdateAsync(long id, long expectedVersion, EscalationPolicy policy, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("escalation_policies.update");
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
            await CheckReferencesAsync(write, policy, cancellationToken);
            await write.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE escalation_policies SET name = @Name, enabled = @Enabled, site_id = @SiteId, min_priority = @minPriority, steps = @steps,
                    repeat_every_minutes = @RepeatEveryMinutes, repeat_count = @RepeatCount, updated_at = @now, version = version + 1
                WHERE id = @id
                """,
                Parameters(policy, id, time.GetUtcNow()), write.Transaction, cancellationToken: cancellationToken));
            var updated = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).Single();
            await history.RecordAsync(write, EntityType, id, updated.Version, "updated", before, updated, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return updated;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(policy.Name);
        }
    }

    public async Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM escalation_policies WHERE id = @id", new { id }, write.Transaction,
            cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken) => HistoryWriter.ReadAsync(store, EntityType, id, cancellationToken);

    /// <summary>The site and every step's channel must exist now; a channel deleted later makes its step skipped (and logged).</summary>
    private static async Task CheckReferencesAsync(WriteTransaction write, EscalationPolicy policy, CancellationToken cancellationToken)
    {
        if (policy.SiteId is { } siteId && await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sites WHERE id = @siteId", new { siteId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            throw new DomainException(ErrorKind.Unprocessable, ErrorCodes.UnknownReference, $"There is no site {siteId}.") { Field = "siteId" };
        }

        for (var i = 0; i < policy.Steps.Count; i++)
        {
            var channelId = policy.Steps[i].ChannelId;
            if (await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM notification_channels WHERE id = @channelId", new { channelId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw new DomainException(ErrorKind.Unprocessable, ErrorCodes.UnknownReference, $"There is no notification channel {channelId}.")
                    { Field = $"steps[{i}].channelId" };
            }
        }
    }

    private static async Task<EscalationPolicy> CurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var policy = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).SingleOrDefault()
            ?? throw DomainException.NotFound("escalation policy", id);
        return policy.Version == expectedVersion ? policy : throw DomainException.StaleVersion("escalation policy", id, policy.Version, expectedVersion);
    }

    private static async Task<List<EscalationPolicy>> ReadAsync(DbConnection connection, DbTransaction? transaction, long? id, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PolicyRow>(new CommandDefinition(
            $"SELECT {PolicyColumns} FROM escalation_policies {(id is null ? "" : "WHERE id = @id")} ORDER BY name, id",
            new { id }, transaction, cancellationToken: cancellationToken)))
        .Select(row => row.ToPolicy()).ToList();

    private static DomainException NameTaken(string name) =>
        new(ErrorKind.Conflict, ErrorCodes.Conflict, $"There is an escalation policy named '{name}' already.") { Field = "name" };
}
