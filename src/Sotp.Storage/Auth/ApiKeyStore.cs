using System.Text.Json;
using Dapper;
using Sotp.Core;
using Sotp.Core.ApiKeys;
using Sotp.Core.Auth;
using Sotp.Storage.Inventory;

namespace Sotp.Storage.Auth;

public sealed class ApiKeyStore(Store store, HistoryWriter history, TimeProvider time) : IApiKeyStore
{
    private const string EntityType = "api_key";
    private const string Columns = "k.id, k.name, k.prefix, k.key_hash, k.user_id, k.scopes, k.created_at, k.last_used_at, k.revoked_at, u.username";

    public async Task<ApiKey> CreateAsync(string name, string prefix, string keyHash, long userId, IReadOnlyList<Permission> scopes, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO api_keys (name, prefix, key_hash, user_id, scopes, created_at) VALUES (@name, @prefix, @keyHash, @userId, @scopes, @now) RETURNING id",
            new { name, prefix, keyHash, userId, scopes = JsonSerializer.Serialize(scopes.Select(s => s.ToString())), now = time.GetUtcNow() },
            write.Transaction, cancellationToken: cancellationToken));
        var key = (await SelectAsync(write.Connection, "k.id = @id", new { id }, write.Transaction, cancellationToken)).Single().Key;
        await history.RecordAsync(write, EntityType, id, 1, "created", null, key, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await SelectAsync(connection, "1 = 1", null, null, cancellationToken)).Select(row => row.Key).ToList();
    }

    public async Task<bool> RevokeAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var existing = await SelectAsync(write.Connection, "k.id = @id", new { id }, write.Transaction, cancellationToken);
        if (existing.Count == 0)
        {
            return false;
        }

        // Revoking twice is not an error; the first revocation is the one in the history.
        if (existing[0].Key.RevokedAt is null)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET revoked_at = @now WHERE id = @id", new { id, now = time.GetUtcNow() }, write.Transaction, cancellationToken: cancellationToken));
            await history.RecordAsync(write, EntityType, id, 2, "revoked", null, null, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
        }

        return true;
    }

    public async Task<(ApiKey Key, string KeyHash, string Username)?> FindActiveAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await SelectAsync(connection, "k.prefix = @prefix AND k.revoked_at IS NULL", new { prefix }, null, cancellationToken);
        return rows.Count == 1 ? rows[0] : null;
    }

    public async Task TouchAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @usedAt WHERE id = @id", new { id, usedAt }, cancellationToken: cancellationToken));
    }

    private static async Task<List<(ApiKey Key, string KeyHash, string Username)>> SelectAsync(
        System.Data.Common.DbConnection connection, string where, object? parameters, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys k JOIN users u ON u.id = k.user_id WHERE {where} ORDER BY k.id", parameters, transaction, cancellationToken: cancellationToken));
        return rows.Select(row => (row.ToKey(), row.KeyHash, row.Username)).ToList();
    }

    private sealed class KeyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string KeyHash { get; init; } = "";
        public long UserId { get; init; }
        public string Scopes { get; init; } = "[]";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastUsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public string Username { get; init; } = "";

        public ApiKey ToKey() => new(Id, Name, Prefix, UserId,
            (JsonSerializer.Deserialize<List<string>>(Scopes) ?? []).Select(Enum.Parse<Permission>).ToList(), CreatedAt, LastUsedAt, RevokedAt);
    }
}
