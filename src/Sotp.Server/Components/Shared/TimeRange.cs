using Sotp.Server.Web;

namespace Sotp.Server.Components.Shared;

/// <summary>The stretch of time a device page charts: one of the presets ending now, or chosen days.</summary>
public sealed record TimeRange(string Label, DateTimeOffset From, DateTimeOffset To)
{
    public static readonly IReadOnlyList<(string Label, TimeSpan Length)> Presets =
    [
        ("1 h", TimeSpan.FromHours(1)),
        ("6 h", TimeSpan.FromHours(6)),
        ("24 h", TimeSpan.FromHours(24)),
        ("7 d", TimeSpan.FromDays(7)),
        ("30 d", TimeSpan.FromDays(30)),
    ];

    public TimeSpan Length => To - From;

    public static TimeRange Last(string label, TimeSpan length, DateTimeOffset now) => new(label, now - length, now);

    /// <summary>Whole days in the user's zone, the last one included.</summary>
    public static TimeRange Days(DateTime first, DateTime last, ConsoleClock clock) =>
        new("custom", clock.StartOfDay(first), clock.StartOfDay(last.AddDays(1)));

    /// <summary>About six labels along the time axis, whatever the length.</summary>
    public TimeSpan LabelSpacing => Length.TotalHours switch
    {
        <= 1 => TimeSpan.FromMinutes(10),
        <= 6 => TimeSpan.FromHours(1),
        <= 24 => TimeSpan.FromHours(4),
        <= 24 * 7 => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(Math.Ceiling(Length.TotalDays / 6)),
    };

    public string LabelFormat => Length.TotalHours <= 24 ? "HH:mm" : "dd MMM";

    public string Describe(ConsoleClock clock) => $"{clock.DateTime(From)} – {clock.DateTime(To)} ({clock.Zone.Id})";
}
