using Sotp.Core;
using Sotp.Core.Sites;

namespace Sotp.Server.Components.Shared;

/// <summary>A stored site as the full update it would be sent back as: a page changes a few fields and keeps the rest.</summary>
public static class SiteInputs
{
    public static SiteInput From(Site? site) => site is null
        ? new SiteInput(null)
        : new SiteInput(site.Name, site.Address, site.Type, site.Latitude, site.Longitude, site.Status.ToText(), site.Notes,
            site.ServiceMode?.From, site.ServiceMode?.Until, site.ServiceMode?.Reason, site.Version);
}
