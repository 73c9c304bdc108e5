using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Rules;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Alert rules: read by whoever reads alarms, changed (under their version, with history and audit) by ManageRules.</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup("/api/v1/rules").WithTags("Rules").RequirePermission(Permission.ReadAlarms);
        rules.MapGet("/", async (IAlertRuleStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Every alert rule, enabled or not.");
        rules.MapGet("/{id:long}", async (long id, IAlertRuleStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.GetAsync(id, ct) ?? throw DomainException.NotFound("rule", id)))
            .WithSummary("One rule.");
        rules.MapGet("/{id:long}/history", async (long id, IAlertRuleStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.HistoryAsync(id, ct) is { Count: > 0 } history ? history : throw DomainException.NotFound("rule", id)))
            .WithSummary("Every change of the rule: who, when, before and after (kept after it is deleted).");
        rules.MapPost("/", async (RuleInput input, IAlertRuleStore store, RuleEngine engine, HttpContext context, CancellationToken ct) =>
            {
                var rule = await store.CreateAsync(Valid(input), HttpCaller.From(context), ct);
                engine.RulesChanged();
                return TypedResults.Created($"/api/v1/rules/{rule.Id}", rule);
            })
            .RequirePermission(Permission.ManageRules).WithSummary("Create a rule (names are unique, ignoring case); it applies at once.");
        rules.MapPut("/{id:long}", async (long id, RuleInput input, IAlertRuleStore store, RuleEngine engine, HttpContext context, CancellationToken ct) =>
            {
                var rule = await store.UpdateAsync(id, Require.Version(input.Version ?? HttpCaller.IfMatchVersion(context)), Valid(input), HttpCaller.From(context), ct);
                engine.RulesChanged();
                return TypedResults.Ok(rule);
            })
            .RequirePermission(Permission.ManageRules).WithSummary("Replace a rule (send the version); firing series keep their state.");
        rules.MapDelete("/{id:long}", async (long id, IAlertRuleStore store, RuleEngine engine, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await store.DeleteAsync(id, Require.Version(version ?? HttpCaller.IfMatchVersion(context)), HttpCaller.From(context), ct);
                engine.RulesChanged();
                return TypedResults.NoContent();
            })
            .RequirePermission(Permission.ManageRules).WithSummary("Delete a rule; what it was firing about is restored.");
        return endpoints;
    }

    private static RuleData Valid(RuleInput input)
    {
        var (data, errors) = input.Validate();
        Require.Valid(errors);
        return data!;
    }
}
