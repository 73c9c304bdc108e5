using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Sotp.Core;
using Sotp.Core.Users;
using Sotp.Server.Auth;

namespace Sotp.Server.Web;

/// <summary>
/// Ends console sessions whose account changed under them. The cookie carries a stamp of the password hash and the
/// role when it was issued; a password change or reset (new hash, new salt) or a role change gives another stamp,
/// so the cookie is refused at the next request, and an open page is signed out by <see cref="ConsoleSessionCheck"/>.
/// </summary>
public static class ConsoleSession
{
    public const string StampClaim = "sotp_stamp";

    /// <summary>Set when a session was ended this way, so the login page can say why (not a secret: it only says "ended").</summary>
    public const string EndedCookie = "sotp_session_ended";

    public static string Stamp(User user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash + "|" + user.Role.ToText())))[..32];

    /// <summary>Whether the principal's account still exists with the password and role it signed in with.</summary>
    public static async Task<bool> StillValidAsync(ClaimsPrincipal principal, IUserStore users, CancellationToken cancellationToken)
    {
        var stamp = principal.FindFirst(StampClaim)?.Value;
        if (stamp is null || principal.FindFirst("sub") is null)
        {
            return false;
        }

        var user = await users.FindByIdAsync(TokenIssuer.UserId(principal), cancellationToken);
        return user is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Stamp(user)), Encoding.ASCII.GetBytes(stamp));
    }

    /// <summary>Whether this request found its session ended, or follows a redirect from one that did.</summary>
    public static bool Ended(HttpContext context) => context.Items.ContainsKey(EndedCookie) || context.Request.Cookies.ContainsKey(EndedCookie);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal ||
            !await StillValidAsync(principal, context.HttpContext.RequestServices.GetRequiredService<IUserStore>(), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleCookie.Scheme);
            context.HttpContext.Items[EndedCookie] = true;
            context.HttpContext.Response.Cookies.Append(EndedCookie, "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromMinutes(5) });
        }
    }
}
