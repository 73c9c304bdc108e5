using System.Collections.Concurrent;
using Dapper;
using Sotp.Core.Series;

namespace Sotp.Storage.Series;

/// <summary>
/// Points in <c>series_raw</c>, roll-ups in <c>series_5m</c> and <c>series_1h</c>, all written in one transaction:
/// a roll-up always agrees with the raw points it summarises. How a batch goes in differs by provider
/// (<see cref="SqliteSeriesAppender"/>, <see cref="PostgresSeriesAppender"/>); reads are the same SQL on both.
/// Series ids are cached once committed: a collector's next batch needs no lookup.
/// </summary>
public sealed class SeriesStore(Store store, StoreMetrics metrics) : ISeriesStore
{
    private readonly ConcurrentDictionary<SeriesKey, long> _ids = new();

    public async Task<int> AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        using var _ = metrics.Measure("series.append");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var created = new Dictionary<SeriesKey, long>();
        var missing = points.Select(p => p.Key).Where(key => !_ids.ContainsKey(key)).Distinct().ToList();
        if (missing.Count > 0)
        {
            created = store.Provider == StoreProvider.Postgres
                ? await PostgresSeriesAppender.ResolveAsync(write, missing, cancellationToken)
                : await SqliteSeriesAppender.ResolveAsync(write, missing, cancellationToken);
        }

        var rows = points.Select(p => new RawRow(_ids.TryGetValue(p.Key, out var id) ? id : created[p.Key], p.At.ToUnixTimeMilliseconds(), p.Value)).ToList();
        var stored = store.Provider == StoreProvider.Postgres
            ? await PostgresSeriesAppender.AppendAsync(write, rows, cancellationToken)
            : await SqliteSeriesAppender.AppendAsync(write, rows, cancellationToken);
        await write.CommitAsync(cancellationToken);
        foreach (var (key, id) in created)
        {
            _ids[key] = id; // Only now: a rolled-back series row must not be remembered.
        }

        return stored;
    }

    public async Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesKey key, SeriesResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("series.read");
        await using var connection = await store.OpenAsync(cancellationToken);
        var id = await FindIdAsync(connection, key, cancellationToken);
        if (id is null)
        {
            return [];
        }

        var range = new { id, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() };
        if (resolution == SeriesResolution.Raw)
        {
            var raw = await connection.QueryAsync<(long At, double Value)>(new CommandDefinition(
                "SELECT at, value FROM series_raw WHERE series_id = @id AND at >= @from AND at < @to ORDER BY at", range, cancellationToken: cancellationToken));
            return raw.Select(p => new SeriesSample(DateTimeOffset.FromUnixTimeMilliseconds(p.At), p.Value, p.Value, p.Value, 1)).ToList();
        }

        var buckets = await connection.QueryAsync<(long At, double Min, double Max, double Sum, long Count)>(new CommandDefinition(
            $"SELECT at, min, max, sum, count FROM {Table(resolution)} WHERE series_id = @id AND at >= @from AND at < @to ORDER BY at", range, cancellationToken: cancellationToken));
        return buckets.Select(b => new SeriesSample(DateTimeOffset.FromUnixTimeMilliseconds(b.At), b.Sum / b.Count, b.Min, b.Max, b.Count)).ToList();
    }

    public async Task<long> CountAsync(SeriesKey key, SeriesResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("series.count");
        await using var connection = await store.OpenAsync(cancellationToken);
        var id = await FindIdAsync(connection, key, cancellationToken);
        return id is null ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {Table(resolution)} WHERE series_id = @id AND at >= @from AND at < @to",
            new { id, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SeriesKey>> ListAsync(long deviceId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Metric, string Labels)>(new CommandDefinition(
            "SELECT metric, labels FROM series WHERE device_id = @deviceId ORDER BY metric, labels", new { deviceId }, cancellationToken: cancellationToken));
        return rows.Select(r => new SeriesKey(deviceId, r.Metric, r.Labels)).ToList();
    }

    public async Task<int> DeleteOlderAsync(SeriesResolution resolution, DateTimeOffset before, int batch, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("series.retention");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var table = Table(resolution);
        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE (series_id, at) IN (SELECT series_id, at FROM {table} WHERE at < @before LIMIT @batch)",
            new { before = before.ToUnixTimeMilliseconds(), batch }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return deleted;
    }

    internal static string Table(SeriesResolution resolution) => resolution switch
    {
        SeriesResolution.Raw => "series_raw",
        SeriesResolution.FiveMinutes => "series_5m",
        _ => "series_1h",
    };

    private async Task<long?> FindIdAsync(System.Data.Common.DbConnection connection, SeriesKey key, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(key, out var cached))
        {
            return cached;
        }

        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM series WHERE device_id = @DeviceId AND metric = @Metric AND labels = @Labels", key, cancellationToken: cancellationToken));
    }
}

/// <summary>A point as stored: series id, Unix milliseconds, value.</summary>
internal readonly record struct RawRow(long SeriesId, long At, double Value);
