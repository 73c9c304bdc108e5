using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Users;
using Sotp.Server.Errors;

namespace Sotp.Server.Auth;

/// <summary>Login, token refresh with rotation, logout, password change, who-am-I, and the public signing keys.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public sealed record Me(long Id, string Username, string Role, bool MustChangePassword);

    public sealed record WsTicket(string Ticket, int ExpiresIn);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/v1/auth").WithTags("Authentication");
        auth.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Exchange a username and password for an access token (15 min) and a refresh token (7 days).")
            .WithDescription("Five failed logins a minute from one address block it for a minute (429); ten for one account lock it for 30 minutes. A wrong password, an unknown user and a locked account all answer 401 invalid_credentials.");
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Spend a refresh token for a new token pair. A refresh token works once; presenting a spent one revokes its whole login.");
        auth.MapPost("/logout", LogoutAsync).AllowAnonymous()
            .WithSummary("Revoke the login the refresh token belongs to.");
        auth.MapPost("/password", ChangePasswordAsync).RequireAuthorization(AuthSetup.AnyAuthenticatedPolicy)
            .WithSummary("Change one's own password; required first after a generated password. Answers with a fresh token pair.");
        auth.MapPost("/ws-ticket", async (WsTickets tickets, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(new WsTicket(await tickets.IssueAsync(TokenIssuer.UserId(context.User), ct), (int)WsTickets.Lifetime.TotalSeconds)))
            .RequireAuthorization()
            .WithSummary("A single-use ticket (30 s) for opening the real-time WebSocket, where browsers cannot send a bearer token.");
        auth.MapGet("/me", GetMe).RequireAuthorization(AuthSetup.AnyAuthenticatedPolicy)
            .WithSummary("The account of the token.");
        endpoints.MapGet("/.well-known/jwks.json", (SigningKeyRing keys) => TypedResults.Ok(new { keys = keys.PublicJwks() }))
            .AllowAnonymous().WithTags("Authentication").WithSummary("Public keys that verify access tokens (RFC 7517).");
        return endpoints;
    }

    private static async Task<Results<Ok<TokenIssuer.TokenPair>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, Authenticator authenticator, TokenIssuer tokens, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation().Required("username", request.Username, 256).Required("password", request.Password, 1024);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation.Errors);
        }

        var outcome = await authenticator.LoginAsync(request.Username!, request.Password!, ClientAddress(context), context.TraceIdentifier, cancellationToken);
        switch (outcome.Status)
        {
            case LoginStatus.Succeeded:
                return TypedResults.Ok(await tokens.IssueAsync(outcome.User!, cancellationToken));
            case LoginStatus.AddressBlocked:
                context.Response.Headers.RetryAfter = Math.Ceiling(outcome.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyAttempts, "Too many failed logins",
                    "Too many failed logins from this address; try again after the time in Retry-After.");
            default:
                return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Invalid credentials", "The username or password is wrong.");
        }
    }

    private static async Task<Results<Ok<TokenIssuer.TokenPair>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, TokenIssuer tokens, IUserStore users, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation().Required("refreshToken", request.RefreshToken, 256);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation.Errors);
        }

        var (rotation, newRefreshToken) = await tokens.RotateAsync(request.RefreshToken!, cancellationToken);
        if (rotation.Status == RefreshTokenStatus.Reused)
        {
            await audit.AppendAsync(new AuditEntry(AuditActor.System, AuditActions.RefreshTokenReused, "user", rotation.UserId?.ToString(CultureInfo.InvariantCulture),
                Detail: "a spent refresh token was presented again; its login was revoked", RequestId: context.TraceIdentifier, ClientIp: ClientAddress(context)), cancellationToken);
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.RefreshTokenReused, "Refresh token reused",
                "This refresh token was used before; the login it belongs to is revoked. Log in again.");
        }

        var user = rotation.Status == RefreshTokenStatus.Rotated ? await users.FindByIdAsync(rotation.UserId!.Value, cancellationToken) : null;
        if (user is null || newRefreshToken is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidRefreshToken, "Invalid refresh token", "The refresh token is unknown or expired. Log in again.");
        }

        return TypedResults.Ok(new TokenIssuer.TokenPair(await tokens.AccessTokenAsync(user, cancellationToken), newRefreshToken,
            (int)TokenSettings.AccessTokenLifetime.TotalSeconds, "Bearer", user.MustChangePassword));
    }

    private static async Task<Results<NoContent, ValidationProblem>> LogoutAsync(
        RefreshRequest request, TokenIssuer tokens, IUserStore users, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation().Required("refreshToken", request.RefreshToken, 256);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation.Errors);
        }

        // Unknown tokens are not an error: logging out twice, or after expiry, ends in the same state.
        if (await tokens.RevokeAsync(request.RefreshToken!, cancellationToken) is { } userId && await users.FindByIdAsync(userId, cancellationToken) is { } user)
        {
            await audit.AppendAsync(new AuditEntry(new AuditActor(user.Id, user.Username, user.Role.ToText()), AuditActions.Logout, "user",
                user.Id.ToString(CultureInfo.InvariantCulture), RequestId: context.TraceIdentifier, ClientIp: ClientAddress(context)), cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenIssuer.TokenPair>, ValidationProblem>> ChangePasswordAsync(
        ChangePasswordRequest request, UserAccounts accounts, TokenIssuer tokens, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation().Required("currentPassword", request.CurrentPassword, 1024).Required("newPassword", request.NewPassword, 1024);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation.Errors);
        }

        var user = await accounts.ChangePasswordAsync(TokenIssuer.UserId(context.User), request.CurrentPassword!, request.NewPassword!,
            context.TraceIdentifier, ClientAddress(context), cancellationToken);
        return TypedResults.Ok(await tokens.IssueAsync(user, cancellationToken));
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> GetMe(IUserStore users, HttpContext context, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(TokenIssuer.UserId(context.User), cancellationToken);
        return user is null
            ? ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Unauthorized", "The account no longer exists.")
            : TypedResults.Ok(new Me(user.Id, user.Username, user.Role.ToText(), user.MustChangePassword));
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
