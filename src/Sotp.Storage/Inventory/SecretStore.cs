using Dapper;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Secrets;
using Sotp.Storage.Audit;

namespace Sotp.Storage.Inventory;

public sealed class SecretStore(Store store, StoreMetrics metrics, HistoryWriter history, TimeProvider time) : ISecretStore
{
    private const string EntityType = "secret";
    private const string Columns = "id, name, kind, site_id, protected_value, created_at, updated_at, version";

    public async Task<IReadOnlyList<SecretInfo>> ListAsync(long? siteId, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("secrets.list");
        // Global secrets (no site) are not part of a limited user's sites.
        var sql = new ListSql().WhereSet(siteId, "site_id = @siteId", "siteId").IdIn("site_id", onlySites);
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SecretRow>(new CommandDefinition($"SELECT {Columns} FROM secrets {sql.WhereClause} ORDER BY name, id", sql.Parameters, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToInfo()).ToList();
    }

    public async Task<(SecretInfo Info, string ProtectedValue)?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SecretRow>(new CommandDefinition($"SELECT {Columns} FROM secrets WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : (row.ToInfo(), row.ProtectedValue);
    }

    public async Task<SecretInfo> CreateAsync(string name, SecretKind kind, long? siteId, Func<long, string> protect, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("secrets.create");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        // The row needs its id before the value can be bound to it (the id is in the encryption purpose).
        var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO secrets (name, kind, site_id, protected_value, created_at) VALUES (@name, @kind, @siteId, '', @now) RETURNING id",
            new { name, kind = kind.ToText(), siteId, now = time.GetUtcNow() }, write.Transaction, cancellationToken: cancellationToken));
        var row = await write.Connection.QuerySingleAsync<SecretRow>(new CommandDefinition(
            $"UPDATE secrets SET protected_value = @value WHERE id = @id RETURNING {Columns}", new { id, value = protect(id) }, write.Transaction, cancellationToken: cancellationToken));
        var info = row.ToInfo();
        await history.RecordAsync(write, EntityType, id, info.Version, "created", null, info, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return info;
    }

    public async Task<SecretInfo> UpdateValueAsync(long id, long expectedVersion, string protectedValue, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("secrets.update");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
        var row = await write.Connection.QuerySingleAsync<SecretRow>(new CommandDefinition(
            $"UPDATE secrets SET protected_value = @protectedValue, updated_at = @now, version = version + 1 WHERE id = @id RETURNING {Columns}",
            new { id, protectedValue, now = time.GetUtcNow() }, write.Transaction, cancellationToken: cancellationToken));
        var info = row.ToInfo();
        // History says that the value changed, never what it was or is.
        await history.RecordAsync(write, EntityType, id, info.Version, "value_replaced", before, info, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return info;
    }

    public async Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("secrets.delete");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM secrets WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public async Task<int> RevealsSinceAsync(long userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM audit_log WHERE actor_id = @userId AND action = @action AND at >= @since",
            new { userId, action = AuditActions.SecretRevealed, since = AuditLog.Format(since) }, cancellationToken: cancellationToken));
    }

    private static async Task<SecretInfo> CurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var row = await write.Connection.QuerySingleOrDefaultAsync<SecretRow>(new CommandDefinition(
            $"SELECT {Columns} FROM secrets WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken))
            ?? throw DomainException.NotFound("secret", id);
        return row.Version == expectedVersion
            ? row.ToInfo()
            : throw DomainException.StaleVersion("secret", id, row.Version, expectedVersion);
    }

    private sealed class SecretRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public long? SiteId { get; init; }
        public string ProtectedValue { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public long Version { get; init; }

        public SecretInfo ToInfo() => new(Id, Name, EnumText.Parse<SecretKind>(Kind), SiteId, CreatedAt, UpdatedAt, Version);
    }
}
