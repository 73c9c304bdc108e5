namespace Sotp.Core.Series;

/// <summary>
/// One point of a query answer: a raw point (count 1, min = max = avg) or a roll-up bucket starting at
/// <see cref="At"/>.
/// </summary>
public sealed record SeriesSample(DateTimeOffset At, double Avg, double Min, double Max, long Count);
