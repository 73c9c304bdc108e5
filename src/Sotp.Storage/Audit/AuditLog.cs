using System.Globalization;
using Dapper;
using Sotp.Core;
using Sotp.Core.Audit;

namespace Sotp.Storage.Audit;

/// <summary>
/// The append-only, hash-chained audit log. Appends are serialised (PostgreSQL: a transaction-scoped advisory
/// lock; SQLite: the write lock of <see cref="WriteTransaction"/>) so that every row links to exactly the row before it.
/// </summary>
public sealed class AuditLog(Store store, StoreMetrics metrics, TimeProvider time) : IAuditLog
{
    private const long PostgresChainLock = 0x5017_0002;
    private static readonly Dictionary<string, string> NewestFirst = new() { ["id"] = "id" };
    private const string Columns = "id, at, actor_id, actor_name, actor_role, action, entity_type, entity_id, before_json, after_json, detail, request_id, client_ip, prev_hash, hash";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await AppendAsync(write, entry, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>Appends inside the caller's transaction, so a change and its audit record commit together or not at all.</summary>
    public async Task AppendAsync(WriteTransaction write, AuditEntry entry, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("audit.append");
        var (connection, transaction) = (write.Connection, write.Transaction);
        if (store.Provider == StoreProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresChainLock }, transaction, cancellationToken: cancellationToken));
        }

        var prevHash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", transaction: transaction, cancellationToken: cancellationToken)) ?? AuditRecord.GenesisHash;
        var at = Format(time.GetUtcNow());
        var hash = AuditRecord.ComputeHash(prevHash, at, entry.Actor.UserId, entry.Actor.Name, entry.Actor.Role, entry.Action,
            entry.EntityType, entry.EntityId, entry.Before, entry.After, entry.Detail, entry.RequestId, entry.ClientIp);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, entity_type, entity_id, before_json, after_json, detail, request_id, client_ip, prev_hash, hash)
            VALUES (@at, @UserId, @Name, @Role, @Action, @EntityType, @EntityId, @Before, @After, @Detail, @RequestId, @ClientIp, @prevHash, @hash)
            """,
            new
            {
                at, entry.Actor.UserId, entry.Actor.Name, entry.Actor.Role, entry.Action, entry.EntityType, entry.EntityId,
                entry.Before, entry.After, entry.Detail, entry.RequestId, entry.ClientIp, prevHash, hash,
            },
            transaction, cancellationToken: cancellationToken));
    }

    public async Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("audit.list");
        // Timestamps are fixed-width ISO-8601 UTC text, so text order is time order.
        var sql = new ListSql()
            .WhereSet(query.Action, "action = @action", "action")
            .WhereSet(query.Actor, "actor_name = @actor", "actor")
            .WhereSet(query.From is { } from ? Format(from) : null, "at >= @from", "from")
            .WhereSet(query.To is { } to ? Format(to) : null, "at < @to", "to");
        await using var connection = await store.OpenAsync(cancellationToken);
        return await sql.PageAsync<AuditRecord>(connection, "audit_log", Columns, new ListQuery(query.Page, query.PageSize, "-id"), NewestFirst, "-id", cancellationToken);
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("audit.verify");
        await using var connection = await store.OpenAsync(cancellationToken);
        var expectedPrev = AuditRecord.GenesisHash;
        long checkedRows = 0;
        // Streamed row by row: a years-long log does not have to fit in memory.
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM audit_log ORDER BY id",
            cancellationToken: cancellationToken));
        var parser = reader.GetRowParser<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = parser(reader);
            checkedRows++;
            if (record.PrevHash != expectedPrev)
            {
                return new AuditVerification(checkedRows, record.Id, "its link to the previous row is broken (a row was removed or reordered)");
            }

            if (!record.HashMatches())
            {
                return new AuditVerification(checkedRows, record.Id, "its content does not match its hash (the row was edited)");
            }

            expectedPrev = record.Hash;
        }

        return new AuditVerification(checkedRows, null, null);
    }

    /// <summary>The fixed-width UTC text of <c>audit_log.at</c>; text order is time order.</summary>
    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
