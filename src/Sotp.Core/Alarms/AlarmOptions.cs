namespace Sotp.Core.Alarms;

/// <summary>Settings of the alarm lifecycle (section <c>Alarms</c>).</summary>
public sealed class AlarmOptions
{
    public const string SectionName = "Alarms";

    /// <summary>An event joins an open alarm of its site and category whose last event is at most this old.</summary>
    public int BundleWindowMinutes { get; set; } = 15;

    /// <summary>A claim not confirmed within this time returns the alarm to NEW.</summary>
    public int ClaimTtlSeconds { get; set; } = 30;

    /// <summary>A RESOLVED alarm with no activity for this long is closed automatically.</summary>
    public int AutoCloseMinutes { get; set; } = 30;

    /// <summary>How often the reaper and auto-close run.</summary>
    public int HousekeepingSeconds { get; set; } = 5;

    /// <summary>Categories whose alarms need a note to be acknowledged.</summary>
    public List<string> NoteRequiredCategories { get; set; } = ["temperature"];

    public TimeSpan BundleWindow => TimeSpan.FromMinutes(BundleWindowMinutes);

    public TimeSpan ClaimTtl => TimeSpan.FromSeconds(ClaimTtlSeconds);

    public TimeSpan AutoClose => TimeSpan.FromMinutes(AutoCloseMinutes);

    public IEnumerable<string> Problems()
    {
        if (BundleWindowMinutes is < 1 or > 1440)
        {
            yield return "Alarms:BundleWindowMinutes is 1..1440.";
        }

        if (ClaimTtlSeconds is < 5 or > 600)
        {
            yield return "Alarms:ClaimTtlSeconds is 5..600.";
        }

        if (AutoCloseMinutes is < 1 or > 10080)
        {
            yield return "Alarms:AutoCloseMinutes is 1..10080.";
        }

        if (HousekeepingSeconds is < 1 or > 60)
        {
            yield return "Alarms:HousekeepingSeconds is 1..60.";
        }
    }
}
