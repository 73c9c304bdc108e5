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

    public async Task LoadAsync(IJSRuntime js)
    {
        var zones = await js.InvokeAsync<string?[]>("sotpConsole.timeZones");
        Picked = zones is [{ Length: > 0 } picked, ..] && TryFindZone(picked, out _) ? picked : null;
        Zone = zones.FirstOrDefault(id => id is { Length: > 0 } && TryFindZone(id, out _)) is { } id && TryFindZone(id, out var zone) ? zone : TimeZoneInfo.Utc;
        Loaded = true;
    }

    /// <summary>For tests and callers that know the zone already.</summary>
    public void Use(TimeZoneInfo zone)
    {
        Zone = zone;
        Loaded = true;
    }

    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>Date and time to the minute, e.g. "2.12.2026 07:26" in Polish.</summary>
    public string DateTime(DateTimeOffset at) => Local(at).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>Date and time to the second, for logs.</summary>
    public string Precise(DateTimeOffset at) => Local(at).ToString("G", CultureInfo.CurrentCulture);

    /// <summary>Time of day only, for today's events.</summary>
    public string Time(DateTimeOffset at) => Local(at).ToString("t", CultureInfo.CurrentCulture);
}
