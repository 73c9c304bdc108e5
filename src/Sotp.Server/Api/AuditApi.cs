using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Import;
using Sotp.Server.Auth;
using Sotp.Server.Errors;

namespace Sotp.Server.Api;

/// <summary>Reading and checking the audit log (MASTER and AUDITOR only).</summary>
public static class AuditApi
{
    public const int MaxPageSize = 500;

    public sealed record AuditItem(long Id, string At, long? ActorId, string ActorName, string? ActorRole, string Action,
        string? EntityType, string? EntityId, string? Before, string? After, string? Detail, string? RequestId, string? ClientIp, string Hash);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/api/v1/audit").WithTags("Audit").RequirePermission(Permission.ReadAudit);
        audit.MapGet("/", ListAsync)
            .WithSummary("Audit records, newest first. Filters: action, actor, from, to (ISO-8601, UTC).");
        audit.MapGet("/export", ExportAsync)
            .WithSummary("The filtered records as CSV, oldest first (action, actor, from, to as for the list); the export itself is audited.");
        audit.MapGet("/verify", async (IAuditLog log, CancellationToken cancellationToken) => TypedResults.Ok(await log.VerifyAsync(cancellationToken)))
            .WithSummary("Re-computes the hash chain and names the first broken row, if any.");
        return endpoints;
    }

    private static readonly string[] ExportColumns =
        ["id", "at", "actorId", "actorName", "actorRole", "action", "entityType", "entityId", "before", "after", "detail", "requestId", "clientIp", "hash"];

    private static async Task<FileContentHttpResult> ExportAsync(IAuditLog log, HttpContext context, CancellationToken cancellationToken,
        string? action = null, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var records = await Pages.AllAsync(page => log.ListAsync(new AuditQuery(page, MaxPageSize, action, actor, from, to), cancellationToken), MaxPageSize);

        var caller = HttpCaller.From(context);
        await log.AppendAsync(new AuditEntry(caller.Actor, "audit.exported", Detail: $"{records.Count} records; action={action}, actor={actor}, from={from:O}, to={to:O}",
            RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        var rows = records.OrderBy(r => r.Id).Select(r => (IReadOnlyList<string?>)[
            r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.At, r.ActorId?.ToString(System.Globalization.CultureInfo.InvariantCulture), r.ActorName, r.ActorRole,
            r.Action, r.EntityType, r.EntityId, r.BeforeJson, r.AfterJson, r.Detail, r.RequestId, r.ClientIp, r.Hash]);
        return TypedResults.File(TableWriter.Csv(ExportColumns, rows), "text/csv; charset=utf-8", "audit.csv");
    }

    private static async Task<Results<Ok<Page<AuditItem>>, ValidationProblem>> ListAsync(
        IAuditLog log, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? action = null, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize is 1..{MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await log.ListAsync(new AuditQuery(page, pageSize, action, actor, from, to), cancellationToken);
        return TypedResults.Ok(new Page<AuditItem>(result.Items.Select(r => new AuditItem(r.Id, r.At, r.ActorId, r.ActorName, r.ActorRole, r.Action,
            r.EntityType, r.EntityId, r.BeforeJson, r.AfterJson, r.Detail, r.RequestId, r.ClientIp, r.Hash)).ToList(), result.Total));
    }
}
