namespace Sotp.Core.Series;

/// <summary>A measurement of one series at one time.</summary>
public readonly record struct SeriesPoint(SeriesKey Key, DateTimeOffset At, double Value);
