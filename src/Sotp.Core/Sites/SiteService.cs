using Sotp.Core.Errors;
using Sotp.Core.History;

namespace Sotp.Core.Sites;

/// <summary>
/// The site registry as callers see it: validation, and the site scope of TECHNICIAN and FIELD_WORKER, who get
/// <c>not_found</c> (never <c>forbidden</c>) for a site outside their assignment, so its existence is not revealed.
/// </summary>
public sealed class SiteService(ISiteStore sites)
{
    public static readonly IReadOnlyCollection<string> Sortable = ["name", "createdAt", "status"];

    public async Task<Page<Site>> ListAsync(ListQuery query, string? status, Caller caller, CancellationToken cancellationToken)
    {
        var errors = query.Validate(Sortable);
        SiteStatus? parsedStatus = null;
        if (status is not null)
        {
            if (EnumText.TryParse<SiteStatus>(status, out var value))
            {
                parsedStatus = value;
            }
            else
            {
                errors["status"] = [$"status is one of {string.Join(", ", EnumText.Names<SiteStatus>())}."];
            }
        }

        Require.Valid(errors);
        return await sites.ListAsync(query, parsedStatus, await ScopeAsync(caller, cancellationToken), cancellationToken);
    }

    public async Task<Site> GetAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        var site = await sites.GetAsync(id, cancellationToken);
        return site is not null && await CanSeeAsync(caller, id, cancellationToken) ? site : throw NotFound(id);
    }

    /// <summary>The site exists and the caller may see it.</summary>
    public async Task<bool> ExistsForAsync(Caller caller, long id, CancellationToken cancellationToken) =>
        await sites.GetAsync(id, cancellationToken) is not null && await CanSeeAsync(caller, id, cancellationToken);

    public Task<Site> CreateAsync(SiteInput input, Caller caller, CancellationToken cancellationToken) =>
        sites.CreateAsync(Validated(input), caller, cancellationToken);

    public Task<Site> UpdateAsync(long id, SiteInput input, long? ifMatchVersion, Caller caller, CancellationToken cancellationToken)
    {
        var data = Validated(input);
        return sites.UpdateAsync(id, Require.Version(input.Version ?? ifMatchVersion), data, caller, cancellationToken);
    }

    public Task DeleteAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        sites.DeleteAsync(id, Require.Version(version), caller, cancellationToken);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        return await sites.HistoryAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<SiteContact>> ContactsAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        return await sites.ContactsAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<SiteProcedure>> ProceduresAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        return await sites.ProceduresAsync(id, cancellationToken);
    }

    public Task<Site> ReplaceContactsAsync(long id, IReadOnlyList<SiteContact>? contacts, long? version, Caller caller, CancellationToken cancellationToken)
    {
        Require.Valid(SiteContactRules.Validate(contacts));
        var trimmed = contacts!.Select(c => c with { Name = c.Name.Trim(), Phones = c.Phones.Select(p => p.Trim()).ToList() }).ToList();
        return sites.ReplaceContactsAsync(id, Require.Version(version), trimmed, caller, cancellationToken);
    }

    public Task<Site> ReplaceProceduresAsync(long id, IReadOnlyList<SiteProcedure>? procedures, long? version, Caller caller, CancellationToken cancellationToken)
    {
        Require.Valid(SiteContactRules.Validate(procedures));
        return sites.ReplaceProceduresAsync(id, Require.Version(version), procedures!, caller, cancellationToken);
    }

    /// <summary>The site ids the caller may see, or null for all.</summary>
    public async Task<IReadOnlyCollection<long>?> ScopeAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.LimitedToAssignedSites ? await sites.AssignedSiteIdsAsync(caller.UserId ?? 0, cancellationToken) : null;

    public async Task<bool> CanSeeAsync(Caller caller, long siteId, CancellationToken cancellationToken) =>
        await ScopeAsync(caller, cancellationToken) is not { } scope || scope.Contains(siteId);

    public static DomainException NotFound(long id) => DomainException.NotFound("site", id);

    private static SiteData Validated(SiteInput input)
    {
        var (data, errors) = input.Validate();
        Require.Valid(errors);
        return data!;
    }
}
