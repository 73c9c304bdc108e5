using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sotp.Core;
using Sotp.Core.ApiKeys;
using Sotp.Core.Users;

namespace Sotp.Server.Auth;

/// <summary>Authenticates <c>X-Api-Key: sotp_…</c> as the key's SYSTEM account, carrying the key's scopes as claims.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "api_key";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await keys.AuthenticateAsync(presented.ToString(), Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, malformed or revoked.");
        }

        List<Claim> claims =
        [
            new("sub", identity.UserId.ToString(CultureInfo.InvariantCulture)),
            new("name", identity.Username),
            new("role", Role.System.ToText()),
            new(KeyIdClaim, identity.KeyId.ToString(CultureInfo.InvariantCulture)),
            .. identity.Scopes.Select(scope => new Claim(ScopeClaim, scope.ToString())),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "name", "role"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
