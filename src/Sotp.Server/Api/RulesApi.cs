using Sotp.Core.Auth;
using Sotp.Core.Rules;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Alert rules: read by whoever reads alarms, changed (under their version, with history and audit) by ManageRules.</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup("/api/v1/rules").WithTags("Rules").RequirePermission(Permission.ReadAlarms);
        rules.MapGet("/", async (RuleService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every alert rule, enabled or not.");
        rules.MapGet("/{id:long}", async (long id, RuleService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One rule.");
        rules.MapGet("/{id:long}/history", async (long id, RuleService service, CancellationToken ct) => TypedResults.Ok(await service.HistoryAsync(id, ct)))
            .WithSummary("Every change of the rule: who, when, before and after (kept after it is deleted).");
        rules.MapPost("/", async (RuleInput input, RuleService service, HttpContext context, CancellationToken ct) =>
            {
                var rule = await service.CreateAsync(input, HttpCaller.From(context), ct);
                return TypedResults.Created($"/api/v1/rules/{rule.Id}", rule);
            })
            .RequirePermission(Permission.ManageRules).WithSummary("Create a rule (names are unique, ignoring case); it applies at once.");
        rules.MapPut("/{id:long}", async (long id, RuleInput input, RuleService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, input.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct)))
            .RequirePermission(Permission.ManageRules).WithSummary("Replace a rule (send the version); firing series keep their state.");
        rules.MapDelete("/{id:long}", async (long id, RuleService service, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await service.DeleteAsync(id, version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(Permission.ManageRules).WithSummary("Delete a rule; what it was firing about is restored.");
        return endpoints;
    }
}
