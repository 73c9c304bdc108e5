using Dapper;
using Npgsql;
using NpgsqlTypes;
using Sotp.Core.Series;

namespace Sotp.Storage.Series;

/// <summary>
/// PostgreSQL: the batch goes in by binary COPY into a per-connection staging table, then one statement moves it
/// into <c>series_raw</c> (skipping duplicates) and merges exactly the rows it stored into both roll-ups.
/// </summary>
internal static class PostgresSeriesAppender
{
    private const string Merge = """
        WITH stored AS (
            INSERT INTO series_raw (series_id, at, value) SELECT series_id, at, value FROM series_incoming
            ON CONFLICT DO NOTHING RETURNING series_id, at, value),
        five AS (
            INSERT INTO series_5m (series_id, at, min, max, sum, count)
            SELECT series_id, at - at % 300000, min(value), max(value), sum(value), count(*) FROM stored GROUP BY 1, 2
            ON CONFLICT (series_id, at) DO UPDATE SET min = LEAST(series_5m.min, EXCLUDED.min), max = GREATEST(series_5m.max, EXCLUDED.max),
                sum = series_5m.sum + EXCLUDED.sum, count = series_5m.count + EXCLUDED.count),
        hour AS (
            INSERT INTO series_1h (series_id, at, min, max, sum, count)
            SELECT series_id, at - at % 3600000, min(value), max(value), sum(value), count(*) FROM stored GROUP BY 1, 2
            ON CONFLICT (series_id, at) DO UPDATE SET min = LEAST(series_1h.min, EXCLUDED.min), max = GREATEST(series_1h.max, EXCLUDED.max),
                sum = series_1h.sum + EXCLUDED.sum, count = series_1h.count + EXCLUDED.count)
        SELECT count(*) FROM stored
        """;

    public static async Task<Dictionary<SeriesKey, long>> ResolveAsync(WriteTransaction write, IReadOnlyList<SeriesKey> keys, CancellationToken cancellationToken)
    {
        var arrays = new
        {
            devices = keys.Select(k => k.DeviceId).ToArray(),
            metrics = keys.Select(k => k.Metric).ToArray(),
            labels = keys.Select(k => k.Labels).ToArray(),
        };
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO series (device_id, metric, labels) SELECT * FROM unnest(@devices, @metrics, @labels) ON CONFLICT (device_id, metric, labels) DO NOTHING",
            arrays, write.Transaction, cancellationToken: cancellationToken));
        var rows = await write.Connection.QueryAsync<(long Id, long DeviceId, string Metric, string Labels)>(new CommandDefinition(
            "SELECT id, device_id, metric, labels FROM series WHERE (device_id, metric, labels) IN (SELECT * FROM unnest(@devices, @metrics, @labels))",
            arrays, write.Transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => new SeriesKey(r.DeviceId, r.Metric, r.Labels), r => r.Id);
    }

    public static async Task<int> AppendAsync(WriteTransaction write, IReadOnlyList<RawRow> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)write.Connection;
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE IF NOT EXISTS series_incoming (series_id BIGINT, at BIGINT, value DOUBLE PRECISION) ON COMMIT DELETE ROWS",
            transaction: write.Transaction, cancellationToken: cancellationToken));
        await using (var copy = await connection.BeginBinaryImportAsync("COPY series_incoming (series_id, at, value) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.SeriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(row.At, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(row.Value, NpgsqlDbType.Double, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(Merge, transaction: write.Transaction, cancellationToken: cancellationToken));
    }
}
