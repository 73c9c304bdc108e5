using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Sotp.Core.Audit;
using Sotp.Server.Auth;

namespace Sotp.Server.Web;

/// <summary>Signing out of the console: a form post (with its antiforgery token) that drops the cookie and is audited like an API logout.</summary>
public static class ConsoleAccount
{
    public static IEndpointRouteBuilder MapConsoleAccount(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ConsoleCookie.LogoutPath, LogoutAsync)
            .RequireAuthorization(AuthSetup.AnyAuthenticatedPolicy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return Results.BadRequest();
        }

        var caller = HttpCaller.From(context);
        await context.SignOutAsync(ConsoleCookie.Scheme);
        await audit.AppendAsync(new AuditEntry(caller.Actor, AuditActions.Logout, "user", caller.UserId?.ToString(CultureInfo.InvariantCulture),
            Detail: "web console", RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        return Results.Redirect(ConsoleCookie.LoginPath);
    }
}
