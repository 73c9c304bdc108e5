using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core.ApiKeys;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>API keys for SYSTEM accounts (MASTER, ADMIN). A key is shown once, at creation; send it as <c>X-Api-Key</c>.</summary>
public static class ApiKeysApi
{
    public sealed record CreateKeyRequest(string? Name, long? UserId, IReadOnlyList<string>? Scopes);

    public sealed record CreatedKey(ApiKey Key, string Secret);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/v1/api-keys").WithTags("API keys").RequirePermission(Permission.ManageUsers);
        keys.MapGet("/", async (IApiKeyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Keys with their prefix, owner, scopes and last use; never the key.");
        keys.MapPost("/", async (CreateKeyRequest request, ApiKeys apiKeys, HttpContext context, CancellationToken ct) =>
            {
                var (key, secret) = await apiKeys.CreateAsync(request.Name, request.UserId, request.Scopes, HttpCaller.From(context), ct);
                return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedKey(key, secret));
            })
            .WithSummary("Create a key for a SYSTEM account with some of the SYSTEM role's permissions as scopes; the secret is in this answer only.");
        keys.MapDelete("/{id:long}", async Task<NoContent> (long id, IApiKeyStore store, HttpContext context, CancellationToken ct) =>
                await store.RevokeAsync(id, HttpCaller.From(context), ct)
                    ? TypedResults.NoContent()
                    : throw DomainException.NotFound("API key", id))
            .WithSummary("Revoke a key; requests with it are refused from now on.");
        return endpoints;
    }
}
