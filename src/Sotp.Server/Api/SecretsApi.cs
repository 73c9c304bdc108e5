using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core.Auth;
using Sotp.Core.Secrets;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Write-only secrets: metadata can be listed, values written, and read back only by a timed reveal with a reason.</summary>
public static class SecretsApi
{
    public sealed record CreateSecretRequest(string? Name, string? Kind, long? SiteId, string? Value);

    public sealed record ReplaceValueRequest(string? Value, long? Version);

    public sealed record RevealRequest(string? Reason);

    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder endpoints)
    {
        var secrets = endpoints.MapGroup("/api/v1/secrets").WithTags("Secrets").RequirePermission(Permission.ReadSecretInfo);
        secrets.MapGet("/", async (SecretVault vault, HttpContext context, CancellationToken ct, long? siteId = null) =>
                TypedResults.Ok(await vault.ListAsync(siteId, HttpCaller.From(context), ct)))
            .WithSummary("Secrets without their values; siteId filters.");
        secrets.MapPost("/", CreateAsync).RequirePermission(Permission.WriteSecrets)
            .WithSummary("Store a secret; the value is encrypted at rest and never returned by this call or any list.");
        secrets.MapPut("/{id:long}/value", ReplaceAsync).RequirePermission(Permission.WriteSecrets)
            .WithSummary("Replace a secret's value (send the version).");
        secrets.MapDelete("/{id:long}", async (long id, SecretVault vault, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await vault.DeleteAsync(id, version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct);
                return TypedResults.NoContent();
            }).RequirePermission(Permission.WriteSecrets).WithSummary("Delete a secret (send the version).");
        secrets.MapPost("/{id:long}/reveal", RevealAsync).RequirePermission(Permission.RevealSecrets)
            .WithSummary("Reveal a value for 60 s. A reason of at least 5 characters is required and audited; OPERATOR may reveal 10 an hour, TECHNICIAN, FIELD_WORKER and AUDITOR 20 (429 reveal_limit_reached).");
        return endpoints;
    }

    private static async Task<Created<SecretInfo>> CreateAsync(CreateSecretRequest request, SecretVault vault, HttpContext context, CancellationToken cancellationToken)
    {
        var info = await vault.CreateAsync(request.Name, request.Kind, request.SiteId, request.Value, HttpCaller.From(context), cancellationToken);
        return TypedResults.Created($"/api/v1/secrets/{info.Id}", info);
    }

    private static async Task<Ok<SecretInfo>> ReplaceAsync(long id, ReplaceValueRequest request, SecretVault vault, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await vault.ReplaceValueAsync(id, request.Value, request.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), cancellationToken));

    private static async Task<Ok<RevealedSecret>> RevealAsync(long id, RevealRequest request, SecretVault vault, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await vault.RevealAsync(id, request.Reason, HttpCaller.From(context), cancellationToken));
}
