namespace Sotp.Core.Sites;

/// <summary>A place we protect or run (the STAM seed's "object"). Contacts and procedures come next.</summary>
public sealed record Site(
    long Id,
    string Name,
    string? Address,
    string? Type,
    double? Latitude,
    double? Longitude,
    SiteStatus Status,
    string? Notes,
    ServiceMode? ServiceMode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    long Version);

/// <summary>While active, alarms from the site are lowered in priority and silent (alarm core).</summary>
/// <param name="Until">Open-ended when null.</param>
public sealed record ServiceMode(DateTimeOffset From, DateTimeOffset? Until, string Reason)
{
    public bool IsActiveAt(DateTimeOffset now) => From <= now && (Until is null || now < Until);
}
