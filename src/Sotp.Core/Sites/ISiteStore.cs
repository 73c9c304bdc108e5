using Sotp.Core.History;

namespace Sotp.Core.Sites;

public interface ISiteStore
{
    /// <param name="onlySites">When not null, only these sites exist for the caller.</param>
    Task<Page<Site>> ListAsync(ListQuery query, SiteStatus? status, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken);

    Task<Site?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates the site; its history entry and audit record are written in the same transaction.</summary>
    Task<Site> CreateAsync(SiteData data, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, or <c>version_conflict</c> when <paramref name="expectedVersion"/> is stale.</exception>
    Task<Site> UpdateAsync(long id, long expectedVersion, SiteData data, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, or <c>site_has_devices</c>.</exception>
    Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiteContact>> ContactsAsync(long siteId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiteProcedure>> ProceduresAsync(long siteId, CancellationToken cancellationToken);

    /// <summary>Replaces the call list; part of the site, so it needs and bumps the site's version.</summary>
    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, or a validation error for a verification secret of another site.</exception>
    Task<Site> ReplaceContactsAsync(long siteId, long expectedVersion, IReadOnlyList<SiteContact> contacts, Caller caller, CancellationToken cancellationToken);

    /// <summary>Replaces the procedures; part of the site, so it needs and bumps the site's version.</summary>
    Task<Site> ReplaceProceduresAsync(long siteId, long expectedVersion, IReadOnlyList<SiteProcedure> procedures, Caller caller, CancellationToken cancellationToken);

    /// <summary>Creates all, with history and audit, in one transaction: all or none.</summary>
    Task CreateManyAsync(IReadOnlyList<SiteData> sites, Caller caller, CancellationToken cancellationToken);

    /// <summary>Every site's id and name, for resolving names in imports.</summary>
    Task<IReadOnlyList<(long Id, string Name)>> NameIndexAsync(CancellationToken cancellationToken);

    /// <summary>The sites a user is limited to (TECHNICIAN, FIELD_WORKER).</summary>
    Task<IReadOnlyList<long>> AssignedSiteIdsAsync(long userId, CancellationToken cancellationToken);

    Task AssignSitesAsync(long userId, IReadOnlyCollection<long> siteIds, Caller caller, CancellationToken cancellationToken);
}
