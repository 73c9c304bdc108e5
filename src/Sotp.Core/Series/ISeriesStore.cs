namespace Sotp.Core.Series;

/// <summary>Raw points and their 5-minute and 1-hour roll-ups, kept together by every write.</summary>
public interface ISeriesStore
{
    /// <summary>
    /// Stores points and adds them to their roll-ups in one transaction. A point whose series already has one at
    /// the same millisecond is skipped (a retried batch is not counted twice).
    /// </summary>
    /// <returns>The points stored.</returns>
    Task<int> AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken);

    /// <summary>Points of one series in [from, to), oldest first.</summary>
    Task<IReadOnlyList<SeriesSample>> ReadAsync(SeriesKey key, SeriesResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>How many points a read would return, without reading them.</summary>
    Task<long> CountAsync(SeriesKey key, SeriesResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The series of a device (metric and labels), for a device page.</summary>
    Task<IReadOnlyList<SeriesKey>> ListAsync(long deviceId, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="batch"/> points older than <paramref name="before"/>; returns how many went.</summary>
    Task<int> DeleteOlderAsync(SeriesResolution resolution, DateTimeOffset before, int batch, CancellationToken cancellationToken);
}
