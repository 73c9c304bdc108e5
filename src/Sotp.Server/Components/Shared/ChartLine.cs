using Sotp.Core.Series;

namespace Sotp.Server.Components.Shared;

/// <summary>One line of a chart: the series it draws and what the legend calls it.</summary>
public sealed record ChartLine(string Name, SeriesKey Key);
