using Dapper;
using Sotp.Core.Alarms;
using static Sotp.Storage.Alarms.AlarmRows;

namespace Sotp.Storage.Alarms;

public sealed class OutboxStore(Store store) : IOutboxStore
{
    private const string Columns = "seq, at, type, site_id, payload";

    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT @limit", new { limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToMessage()).ToList();
    }

    public async Task MarkSentAsync(long throughSeq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET sent_at = @at WHERE seq <= @throughSeq AND sent_at IS NULL", new { throughSeq, at }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxMessage>> AfterAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox WHERE seq > @afterSeq ORDER BY seq LIMIT @limit", new { afterSeq, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToMessage()).ToList();
    }

    public async Task<(long LastSent, long Pending)> PositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long? LastSent, long Pending)>(new CommandDefinition(
            "SELECT (SELECT MAX(seq) FROM outbox WHERE sent_at IS NOT NULL), (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL)", cancellationToken: cancellationToken));
        return (row.LastSent ?? 0, row.Pending);
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        // The newest row stays: the next seq is MAX(seq) + 1, and must never go back to a number clients have seen.
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE sent_at IS NOT NULL AND at < @before AND seq < (SELECT MAX(seq) FROM outbox)", new { before }, cancellationToken: cancellationToken));
    }
}
