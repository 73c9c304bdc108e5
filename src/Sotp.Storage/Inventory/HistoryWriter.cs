using System.Text.Json;
using Dapper;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.History;
using Sotp.Storage.Audit;

namespace Sotp.Storage.Inventory;

/// <summary>
/// Records one change of an entity inside the caller's transaction: a row of entity_history (per entity,
/// readable by its users) and a record in the audit log (system-wide, for auditors). Both or neither.
/// </summary>
public sealed class HistoryWriter(AuditLog audit, TimeProvider time)
{
    public async Task RecordAsync(WriteTransaction write, string entityType, long entityId, long version, string change,
        object? before, object? after, Caller caller, CancellationToken cancellationToken)
    {
        var beforeJson = before is null ? null : SotpJson.Serialize(before);
        var afterJson = after is null ? null : SotpJson.Serialize(after);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO entity_history (entity_type, entity_id, version, changed_at, actor_id, actor_name, change, before_json, after_json)
            VALUES (@entityType, @entityId, @version, @now, @UserId, @Name, @change, @beforeJson, @afterJson)
            """,
            new { entityType, entityId, version, now = time.GetUtcNow(), caller.UserId, caller.Name, change, beforeJson, afterJson },
            write.Transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(write, new AuditEntry(caller.Actor, $"{entityType}.{change}", entityType,
            entityId.ToString(System.Globalization.CultureInfo.InvariantCulture), beforeJson, afterJson, RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
    }

    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(Store store, string entityType, long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            "SELECT version, changed_at, actor_id, actor_name, change, before_json, after_json FROM entity_history WHERE entity_type = @entityType AND entity_id = @entityId ORDER BY id",
            new { entityType, entityId }, cancellationToken: cancellationToken));
        return rows.Select(r => new HistoryEntry(r.Version, r.ChangedAt, r.ActorId, r.ActorName, r.Change, Parse(r.BeforeJson), Parse(r.AfterJson))).ToList();
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private sealed class HistoryRow
    {
        public long Version { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public long? ActorId { get; init; }
        public string ActorName { get; init; } = "";
        public string Change { get; init; } = "";
        public string? BeforeJson { get; init; }
        public string? AfterJson { get; init; }
    }
}
