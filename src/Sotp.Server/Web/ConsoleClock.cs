using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.JSInterop;

namespace Sotp.Server.Web;

/// <summary>
/// Every time the console shows goes through here: stored in UTC, shown in the user's zone (the one picked in the app bar,
/// else the browser's), formatted for the circuit's culture. One per circuit; the layout asks the browser once.
/// </summary>
public sealed class ConsoleClock
{
    /// <summary>Until the browser has answered (and where it names no zone this server knows), times are shown in UTC.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool Loaded { get; private set; }

    /// <summary>The zone picked in the app bar, or null while the browser's is used.</summary>
    public string? Picked { get; private set; }

    public static bool TryFindZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);

    /// <summary>Asks the browser, for a circuit whose page request carried neither zone cookie.</summary>
    public async Task LoadAsync(IJSRuntime js)
    {
        var zones = await js.InvokeAsync<string?[]>("sotpConsole.timeZones");
        Choose(zones.ElementAtOrDefault(0), zones.ElementAtOrDefault(1));
    }

    /// <summary>The picked zone if this server knows it, else the browser's, else UTC.</summary>
    public void Choose(string? picked, string? browser)
    {
        var pickedZone = Known(picked);
        Picked = pickedZone is null ? null : picked;
        Zone = pickedZone ?? Known(browser) ?? TimeZoneInfo.Utc;
        Loaded = true;
    }

    private static TimeZoneInfo? Known(string? id) => id is { Length: > 0 } && TryFindZone(id, out var zone) ? zone : null;

    /// <summary>Midnight of a date picked in the console, in the user's zone; where a DST jump skips midnight, the first instant after it.</summary>
    public DateTimeOffset StartOfDay(DateTime day)
    {
        var midnight = System.DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>Date and time to the minute, e.g. "2.12.2026 07:26" in Polish.</summary>
    public string DateTime(DateTimeOffset at) => Local(at).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>Date and time to the second, for logs.</summary>
    public string Precise(DateTimeOffset at) => Local(at).ToString("G", CultureInfo.CurrentCulture);

    /// <summary>Time of day only, for today's events.</summary>
    public string Time(DateTimeOffset at) => Local(at).ToString("t", CultureInfo.CurrentCulture);
}
