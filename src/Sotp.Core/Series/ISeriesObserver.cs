namespace Sotp.Core.Series;

/// <summary>
/// Sees every point as a collector hands it to the <see cref="SeriesWriter"/>, before it is stored, so alert rules
/// react to data as it arrives without the writer knowing about rules. Called on the collector's thread: it must
/// only queue the point and return.
/// </summary>
public interface ISeriesObserver
{
    void Observe(SeriesPoint point);
}
