using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Net.Http.Headers;
using Sotp.Core;
using Sotp.Core.Users;
using Sotp.Server.Auth;

namespace Sotp.Server.Web;

/// <summary>
/// The web console's sign-in: a cookie carrying the same claims as an access token (sub, name, role, and the
/// forced-password-change mark), so the authorization policies and <see cref="HttpCaller"/> treat both alike.
/// </summary>
public static class ConsoleCookie
{
    public const string Scheme = "SotpConsole";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/account/logout";

    /// <summary>A console session lasts a shift; it slides while the browser keeps using it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// The cookie is read only for console pages: anything under /api, and any request that brings a bearer token
    /// or an API key, is authenticated by header. So the API never acts on a cookie a browser sends by itself
    /// (no cross-site request forgery), and an API call without a token still gets 401, not a login redirect.
    /// Static files (scripts, styles, sounds: anonymous) are not checked against the user store either, which a
    /// page load would otherwise do once per file.
    /// </summary>
    public static bool Applies(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") &&
        !IsStaticFile(context.Request.Path) &&
        !context.Request.Headers.ContainsKey(HeaderNames.Authorization) &&
        !context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName);

    /// <summary>Blazor's and MudBlazor's files, and ours in wwwroot (the only paths with a dot in their last segment).</summary>
    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") ||
        (path.Value is { } value && value.LastIndexOf('.') > value.LastIndexOf('/'));

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "sotp_console";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        options.LoginPath = LoginPath;
        options.LogoutPath = LogoutPath;
        // A console page the role may not open: back to the overview, which every signed-in role sees.
        options.AccessDeniedPath = "/";
        options.ReturnUrlParameter = "returnUrl";
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = ConsoleSession.ValidateAsync;
    }

    public static ClaimsPrincipal Principal(User user)
    {
        List<Claim> claims =
        [
            new("sub", user.Id.ToString(CultureInfo.InvariantCulture)),
            new("name", user.Username),
            new("role", user.Role.ToText()),
            new(ConsoleSession.StampClaim, ConsoleSession.Stamp(user)),
        ];
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(TokenSettings.PasswordChangeClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role"));
    }

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(claim => claim.Type == TokenSettings.PasswordChangeClaim);
}
