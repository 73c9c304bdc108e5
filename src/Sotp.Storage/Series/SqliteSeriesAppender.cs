using Dapper;
using Microsoft.Data.Sqlite;
using Sotp.Core.Series;

namespace Sotp.Storage.Series;

/// <summary>
/// SQLite: prepared statements inside the write transaction (WAL). A raw insert that changed no row was a
/// duplicate and stays out of the roll-ups.
/// </summary>
internal static class SqliteSeriesAppender
{
    public static async Task<Dictionary<SeriesKey, long>> ResolveAsync(WriteTransaction write, IReadOnlyList<SeriesKey> keys, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<SeriesKey, long>(keys.Count);
        foreach (var key in keys)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO series (device_id, metric, labels) VALUES (@DeviceId, @Metric, @Labels) ON CONFLICT (device_id, metric, labels) DO NOTHING",
                key, write.Transaction, cancellationToken: cancellationToken));
            ids[key] = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT id FROM series WHERE device_id = @DeviceId AND metric = @Metric AND labels = @Labels", key, write.Transaction, cancellationToken: cancellationToken));
        }

        return ids;
    }

    public static async Task<int> AppendAsync(WriteTransaction write, IReadOnlyList<RawRow> rows, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)write.Connection;
        var transaction = (SqliteTransaction)write.Transaction;
        var rollUps = SeriesResolutions.RollUps.Select(r => new RollUp(r)).ToList();
        var stored = 0;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO series_raw (series_id, at, value) VALUES ($series, $at, $value)";
            var series = insert.Parameters.Add("$series", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var value = insert.Parameters.Add("$value", SqliteType.Real);
            insert.Prepare();
            foreach (var row in rows)
            {
                (series.Value, at.Value, value.Value) = (row.SeriesId, row.At, row.Value);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    stored++;
                    rollUps.ForEach(r => r.Add(row));
                }
            }
        }

        foreach (var rollUp in rollUps)
        {
            await MergeAsync(connection, transaction, rollUp, cancellationToken);
        }

        return stored;
    }

    private static async Task MergeAsync(SqliteConnection connection, SqliteTransaction transaction, RollUp rollUp, CancellationToken cancellationToken)
    {
        var table = SeriesStore.Table(rollUp.Resolution);
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"""
            INSERT INTO {table} (series_id, at, min, max, sum, count) VALUES ($series, $at, $min, $max, $sum, $count)
            ON CONFLICT (series_id, at) DO UPDATE SET min = min({table}.min, excluded.min), max = max({table}.max, excluded.max),
                sum = {table}.sum + excluded.sum, count = {table}.count + excluded.count
            """;
        var series = upsert.Parameters.Add("$series", SqliteType.Integer);
        var at = upsert.Parameters.Add("$at", SqliteType.Integer);
        var min = upsert.Parameters.Add("$min", SqliteType.Real);
        var max = upsert.Parameters.Add("$max", SqliteType.Real);
        var sum = upsert.Parameters.Add("$sum", SqliteType.Real);
        var count = upsert.Parameters.Add("$count", SqliteType.Integer);
        upsert.Prepare();
        foreach (var (key, bucket) in rollUp.Buckets)
        {
            (series.Value, at.Value, min.Value, max.Value, sum.Value, count.Value) = (key.SeriesId, key.At, bucket.Min, bucket.Max, bucket.Sum, bucket.Count);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
