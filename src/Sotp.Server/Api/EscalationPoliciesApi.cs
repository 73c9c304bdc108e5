using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Escalation;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Escalation policies: who is notified, and when, about an alarm nobody claims. Managed like the channels they name.</summary>
public static class EscalationPoliciesApi
{
    public static IEndpointRouteBuilder MapEscalationPoliciesApi(this IEndpointRouteBuilder endpoints)
    {
        var policies = endpoints.MapGroup("/api/v1/escalation-policies").WithTags("Notifications").RequirePermission(Permission.ManageNotifications);
        policies.MapGet("/", async (IEscalationStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Every escalation policy, enabled or not.");
        policies.MapGet("/{id:long}", async (long id, IEscalationStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.GetAsync(id, ct) ?? throw NotFound(id)))
            .WithSummary("One policy.");
        policies.MapGet("/{id:long}/history", async (long id, IEscalationStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.HistoryAsync(id, ct) is { Count: > 0 } history ? history : throw NotFound(id)))
            .WithSummary("Every change of the policy: who, when, before and after (kept after it is deleted).");
        policies.MapPost("/", async (EscalationPolicyInput input, IEscalationStore store, HttpContext context, CancellationToken ct) =>
            {
                var policy = await store.CreateAsync(Valid(input), HttpCaller.From(context), ct);
                return TypedResults.Created($"/api/v1/escalation-policies/{policy.Id}", policy);
            })
            .WithSummary("Create a policy: steps of afterMinutes and channelId, optional siteId (else every site), minPriority, then repeatEveryMinutes × repeatCount.");
        policies.MapPut("/{id:long}", async (long id, EscalationPolicyInput input, IEscalationStore store, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await store.UpdateAsync(id, Require.Version(input.Version ?? HttpCaller.IfMatchVersion(context)), Valid(input), HttpCaller.From(context), ct)))
            .WithSummary("Replace a policy (send the version); alarms following it take the new steps from their next one.");
        policies.MapDelete("/{id:long}", async (long id, IEscalationStore store, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await store.DeleteAsync(id, Require.Version(version ?? HttpCaller.IfMatchVersion(context)), HttpCaller.From(context), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete a policy; alarms following it stop escalating (said in their dispatch log).");
        return endpoints;
    }

    private static EscalationPolicy Valid(EscalationPolicyInput input)
    {
        var (policy, errors) = input.Validate();
        Require.Valid(errors);
        return policy!;
    }

    private static DomainException NotFound(long id) => DomainException.NotFound("escalation policy", id);
}
