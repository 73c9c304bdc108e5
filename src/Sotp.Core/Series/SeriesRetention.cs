namespace Sotp.Core.Series;

/// <summary>The <c>Series</c> settings: how long each resolution is kept, and how often the retention job runs.</summary>
public sealed class SeriesRetention
{
    public const string SectionName = "Series";

    public int RawDays { get; set; } = 7;

    public int FiveMinuteDays { get; set; } = 90;

    public int HourDays { get; set; } = 730;

    public int RetentionIntervalMinutes { get; set; } = 60;

    public TimeSpan For(SeriesResolution resolution) => TimeSpan.FromDays(resolution switch
    {
        SeriesResolution.Raw => RawDays,
        SeriesResolution.FiveMinutes => FiveMinuteDays,
        _ => HourDays,
    });

    /// <summary>Problems with the settings, as "Series:Key value is …" lines; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                problems.Add($"{SectionName}:{key} {value} is outside {min}..{max}.");
            }
        }

        Range(nameof(RawDays), RawDays, 1, 3650);
        Range(nameof(FiveMinuteDays), FiveMinuteDays, 1, 3650);
        Range(nameof(HourDays), HourDays, 1, 36500);
        Range(nameof(RetentionIntervalMinutes), RetentionIntervalMinutes, 1, 1440);
        if (problems.Count == 0 && !(RawDays <= FiveMinuteDays && FiveMinuteDays <= HourDays))
        {
            problems.Add($"{SectionName}: RawDays <= FiveMinuteDays <= HourDays, so a coarser resolution always reaches further back.");
        }

        return problems;
    }
}
