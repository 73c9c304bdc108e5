using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Core.History;
using Sotp.Core.Sites;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>The site registry: list, read, create, update (optimistic concurrency), delete, change history.</summary>
public static class SitesApi
{
    public sealed record ContactsRequest(IReadOnlyList<SiteContact>? Contacts, long? Version);

    public sealed record ProceduresRequest(IReadOnlyList<SiteProcedure>? Procedures, long? Version);

    public static IEndpointRouteBuilder MapSitesApi(this IEndpointRouteBuilder endpoints)
    {
        var sites = endpoints.MapGroup("/api/v1/sites").WithTags("Sites").RequirePermission(Permission.ReadInventory);
        sites.MapGet("/", ListAsync)
            .WithSummary("Sites, paged. q searches name and address; sort is name, createdAt or status ('-' for descending); status filters.");
        sites.MapGet("/{id:long}", GetAsync).WithSummary("One site; the ETag header carries its version.");
        sites.MapGet("/{id:long}/history", HistoryAsync).WithSummary("Every change of the site: who, when, before and after.");
        sites.MapGet("/{id:long}/contacts", async (long id, SiteService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.ContactsAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("The call list in calling order; verification passwords are secrets, revealed through /secrets.");
        sites.MapPut("/{id:long}/contacts", async (long id, ContactsRequest request, SiteService service, HttpContext context, CancellationToken ct) =>
                Versioned(context, await service.ReplaceContactsAsync(id, request.Contacts, request.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct)))
            .RequirePermission(Permission.WriteInventory).WithSummary("Replace the call list (send the site's version; it goes up by one).");
        sites.MapGet("/{id:long}/procedures", async (long id, SiteService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.ProceduresAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("Ordered steps per alarm category.");
        sites.MapPut("/{id:long}/procedures", async (long id, ProceduresRequest request, SiteService service, HttpContext context, CancellationToken ct) =>
                Versioned(context, await service.ReplaceProceduresAsync(id, request.Procedures, request.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct)))
            .RequirePermission(Permission.WriteInventory).WithSummary("Replace the procedures (send the site's version; it goes up by one).");
        sites.MapPost("/", CreateAsync).RequirePermission(Permission.WriteInventory).WithSummary("Create a site.");
        sites.MapPut("/{id:long}", UpdateAsync).RequirePermission(Permission.WriteInventory)
            .WithSummary("Replace a site's fields. Send the version you read (body or If-Match); a stale one gets 409 version_conflict.");
        sites.MapDelete("/{id:long}", DeleteAsync).RequirePermission(Permission.WriteInventory)
            .WithSummary("Delete a site without devices. Send the version (If-Match or ?version=).");
        return endpoints;
    }

    private static Ok<Site> Versioned(HttpContext context, Site site)
    {
        HttpCaller.SetETag(context, site.Version);
        return TypedResults.Ok(site);
    }

    private static async Task<Ok<Page<Site>>> ListAsync(SiteService service, HttpContext context, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? sort = null, string? q = null, string? status = null) =>
        TypedResults.Ok(await service.ListAsync(new ListQuery(page, pageSize, sort, q), status, HttpCaller.From(context), cancellationToken));

    private static async Task<Ok<Site>> GetAsync(long id, SiteService service, HttpContext context, CancellationToken cancellationToken)
    {
        var site = await service.GetAsync(id, HttpCaller.From(context), cancellationToken);
        HttpCaller.SetETag(context, site.Version);
        return TypedResults.Ok(site);
    }

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> HistoryAsync(long id, SiteService service, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.HistoryAsync(id, HttpCaller.From(context), cancellationToken));

    private static async Task<Created<Site>> CreateAsync(SiteInput input, SiteService service, HttpContext context, CancellationToken cancellationToken)
    {
        var site = await service.CreateAsync(input, HttpCaller.From(context), cancellationToken);
        HttpCaller.SetETag(context, site.Version);
        return TypedResults.Created($"/api/v1/sites/{site.Id}", site);
    }

    private static async Task<Ok<Site>> UpdateAsync(long id, SiteInput input, SiteService service, HttpContext context, CancellationToken cancellationToken)
    {
        var site = await service.UpdateAsync(id, input, HttpCaller.IfMatchVersion(context), HttpCaller.From(context), cancellationToken);
        HttpCaller.SetETag(context, site.Version);
        return TypedResults.Ok(site);
    }

    private static async Task<NoContent> DeleteAsync(long id, SiteService service, HttpContext context, CancellationToken cancellationToken, long? version = null)
    {
        await service.DeleteAsync(id, version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), cancellationToken);
        return TypedResults.NoContent();
    }
}
