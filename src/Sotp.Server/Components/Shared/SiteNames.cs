using System.Globalization;
using Sotp.Core;
using Sotp.Core.Sites;

namespace Sotp.Server.Components.Shared;

/// <summary>The names of the sites the user may see, for lists that carry only a site id.</summary>
public sealed class SiteNames(IReadOnlyList<Site> sites)
{
    private readonly Dictionary<long, string> _names = sites.ToDictionary(site => site.Id, site => site.Name);

    public static readonly SiteNames None = new([]);

    public IReadOnlyList<Site> Sites => sites;

    public static async Task<SiteNames> LoadAsync(SiteService service, Caller caller, CancellationToken cancellationToken) =>
        new((await service.ListAsync(new ListQuery(1, ListQuery.MaxPageSize, "name"), null, caller, cancellationToken)).Items);

    /// <summary>The name, or <c>#id</c> for a site created after the page loaded.</summary>
    public string Of(long siteId) => _names.TryGetValue(siteId, out var name) ? name : $"#{siteId.ToString(CultureInfo.InvariantCulture)}";
}
