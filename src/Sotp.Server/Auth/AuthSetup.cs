using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Server.Errors;

namespace Sotp.Server.Auth;

/// <summary>
/// Bearer JWT authentication with keys from the <see cref="SigningKeyRing"/>. The default policy (what
/// <c>RequireAuthorization()</c> means) also demands that a forced password change is done; only
/// <see cref="AnyAuthenticatedPolicy"/> endpoints (change password, who am I) accept such a token.
/// </summary>
public static class AuthSetup
{
    public const string AnyAuthenticatedPolicy = "AnyAuthenticated";

    /// <summary>The default scheme: picks API key or JWT bearer per request (the web console adds its cookie to the pick).</summary>
    public const string BearerOrApiKey = "BearerOrApiKey";

    /// <summary>Policies of permissions are named this plus the <see cref="Permission"/> name, so an attribute can name one as a constant.</summary>
    public const string PermissionPolicyPrefix = "permission:";

    /// <summary>Where a signed-in console user with a pending password change is sent instead of a 403.</summary>
    public const string ConsolePasswordPath = "/account/password";

    public static IServiceCollection AddSotpAuth(this IServiceCollection services)
    {
        services.AddSingleton<AddressThrottle>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        // One default scheme that picks by header: an X-Api-Key goes to the key handler, anything else to JWT bearer.
        services.AddAuthentication(BearerOrApiKey)
            .AddPolicyScheme(BearerOrApiKey, "JWT bearer or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyRing>((options, keys) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenSettings.Issuer,
                ValidAudience = TokenSettings.Audience,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys(kid),
                ClockSkew = TokenSettings.ClockSkew,
                NameClaimType = "name",
                RoleClaimType = "role",
            };
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PasswordChangedRequirement()).Build())
            .AddPolicy(AnyAuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(PolicyName(permission), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PasswordChangedRequirement(), new ApiKeyScopeRequirement(permission))
                .RequireRole(PermissionMatrix.RolesFor(permission).Select(role => role.ToText())));
        }

        services.AddSingleton<IAuthorizationHandler, ApiKeyScopeHandler>();
        services.AddSingleton<IAuthorizationHandler, PasswordChangedHandler>();
        return services;
    }

    /// <summary>Guards an endpoint or group by a permission of the <see cref="PermissionMatrix"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName(permission)).WithMetadata(new RequiredPermission(permission));

    /// <summary>Endpoint metadata naming the permission, so the matrix test can find every guarded endpoint.</summary>
    public sealed record RequiredPermission(Permission Permission);

    private static string PolicyName(Permission permission) => PermissionPolicyPrefix + permission;

    /// <summary>The access token does not carry the forced-password-change mark.</summary>
    public sealed class PasswordChangedRequirement : IAuthorizationRequirement;

    /// <summary>A request made with an API key may use only the permissions the key was given.</summary>
    public sealed record ApiKeyScopeRequirement(Permission Permission) : IAuthorizationRequirement;

    private sealed class ApiKeyScopeHandler : AuthorizationHandler<ApiKeyScopeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyScopeRequirement requirement)
        {
            var viaKey = context.User.HasClaim(claim => claim.Type == ApiKeyAuthenticationHandler.KeyIdClaim);
            if (!viaKey || context.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, requirement.Permission.ToString()))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class PasswordChangedHandler : AuthorizationHandler<PasswordChangedRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChangedRequirement requirement)
        {
            if (!context.User.HasClaim(claim => claim.Type == TokenSettings.PasswordChangeClaim))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>401 and 403 as ProblemDetails; a pending password change gets its own code so a client knows what to do.</summary>
    private sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PasswordChangedRequirement>().Any() == true)
            {
                if (!context.Request.Path.StartsWithSegments("/api"))
                {
                    // A console page: the browser goes to the password form, which the API's clients never see.
                    context.Response.Redirect(ConsolePasswordPath);
                    return;
                }

                await ApiProblems.Problem(StatusCodes.Status403Forbidden, ErrorCodes.PasswordChangeRequired, "Password change required",
                    "Change the generated password first: POST /api/v1/auth/password.").ExecuteAsync(context);
                return;
            }

            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
