using System.Globalization;
using System.Security.Claims;
using Sotp.Core;
using Sotp.Core.Users;

namespace Sotp.Server.Auth;

public static class HttpCaller
{
    /// <summary>The authenticated caller of this request, for application services.</summary>
    public static Caller From(HttpContext context) =>
        From(context.User, context.TraceIdentifier, context.Connection.RemoteIpAddress?.ToString());

    /// <summary>The caller a signed-in principal stands for: a bearer token's or the web console cookie's (same claims).</summary>
    public static Caller From(ClaimsPrincipal user, string? requestId, string? clientIp)
    {
        var role = EnumText.TryParse<Role>(user.FindFirst("role")?.Value, out var parsed) ? parsed : Role.ReadOnly;
        return new Caller(TokenIssuer.UserId(user), user.FindFirst("name")?.Value ?? "?", role, requestId, clientIp);
    }

    /// <summary>The version in an If-Match header (<c>"7"</c>, <c>W/"7"</c> or <c>7</c>), if any.</summary>
    public static long? IfMatchVersion(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return long.TryParse(text.Trim('"', ' '), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    public static void SetETag(HttpContext context, long version) =>
        context.Response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
