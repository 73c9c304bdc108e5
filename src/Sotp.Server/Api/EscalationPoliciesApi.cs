using Sotp.Core.Auth;
using Sotp.Core.Escalation;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Escalation policies: who is notified, and when, about an alarm nobody claims. Managed like the channels they name.</summary>
public static class EscalationPoliciesApi
{
    public static IEndpointRouteBuilder MapEscalationPoliciesApi(this IEndpointRouteBuilder endpoints)
    {
        var policies = endpoints.MapGroup("/api/v1/escalation-policies").WithTags("Notifications").RequirePermission(Permission.ManageNotifications);
        policies.MapGet("/", async (EscalationPolicyService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every escalation policy, enabled or not.");
        policies.MapGet("/{id:long}", async (long id, EscalationPolicyService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One policy.");
        policies.MapGet("/{id:long}/history", async (long id, EscalationPolicyService service, CancellationToken ct) =>
                TypedResults.Ok(await service.HistoryAsync(id, ct)))
            .WithSummary("Every change of the policy: who, when, before and after (kept after it is deleted).");
        policies.MapPost("/", async (EscalationPolicyInput input, EscalationPolicyService service, HttpContext context, CancellationToken ct) =>
            {
                var policy = await service.CreateAsync(input, HttpCaller.From(context), ct);
                return TypedResults.Created($"/api/v1/escalation-policies/{policy.Id}", policy);
            })
            .WithSummary("Create a policy: steps of afterMinutes and channelId, optional siteId (else every site), minPriority, then repeatEveryMinutes × repeatCount.");
        policies.MapPut("/{id:long}", async (long id, EscalationPolicyInput input, EscalationPolicyService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, input.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct)))
            .WithSummary("Replace a policy (send the version); alarms following it take the new steps from their next one.");
        policies.MapDelete("/{id:long}", async (long id, EscalationPolicyService service, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await service.DeleteAsync(id, version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete a policy; alarms following it stop escalating (said in their dispatch log).");
        return endpoints;
    }
}
