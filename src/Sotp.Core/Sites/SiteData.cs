namespace Sotp.Core.Sites;

/// <summary>The editable fields of a site, validated (see <see cref="SiteInput.Validate"/>).</summary>
public sealed record SiteData(
    string Name,
    string? Address,
    string? Type,
    double? Latitude,
    double? Longitude,
    SiteStatus Status,
    string? Notes,
    ServiceMode? ServiceMode);
