namespace Sotp.Core.Series;

/// <summary>A query's answer: which resolution was read and the points, at most the number asked for.</summary>
public sealed record SeriesAnswer(SeriesKey Key, SeriesResolution Resolution, IReadOnlyList<SeriesSample> Points, LatestValue? Latest);
