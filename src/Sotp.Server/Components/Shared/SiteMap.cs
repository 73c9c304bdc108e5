using Sotp.Core.Sites;

namespace Sotp.Server.Components.Shared;

/// <summary>
/// Places sites with coordinates on a plain SVG canvas: longitude across, latitude up, the bounding box of the sites
/// stretched to fill it (no tiles, no projection beyond that; enough to see where the trouble is).
/// </summary>
public static class SiteMap
{
    public const double Width = 400;
    public const double Height = 240;
    private const double Margin = 20;

    public sealed record Point(Site Site, double X, double Y);

    public static IReadOnlyList<Point> Place(IEnumerable<Site> sites)
    {
        var located = sites.Where(site => site is { Latitude: not null, Longitude: not null }).ToList();
        if (located.Count == 0)
        {
            return [];
        }

        var west = located.Min(site => site.Longitude!.Value);
        var east = located.Max(site => site.Longitude!.Value);
        var south = located.Min(site => site.Latitude!.Value);
        var north = located.Max(site => site.Latitude!.Value);
        // One site, or all on a line, has no extent: it goes to the middle of that axis.
        double Across(double lon) => east > west ? Margin + (lon - west) / (east - west) * (Width - 2 * Margin) : Width / 2;
        double Down(double lat) => north > south ? Margin + (north - lat) / (north - south) * (Height - 2 * Margin) : Height / 2;
        return located.Select(site => new Point(site, Across(site.Longitude!.Value), Down(site.Latitude!.Value))).ToList();
    }
}
