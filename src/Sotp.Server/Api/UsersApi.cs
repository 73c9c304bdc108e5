using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Core.Users;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>User administration (MASTER, ADMIN). Generated passwords are in the answer once and nowhere else.</summary>
public static class UsersApi
{
    public sealed record UserView(long Id, string Username, Role Role, bool MustChangePassword, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, long Version);

    public sealed record CreateUserRequest(string? Username, string? Role);

    public sealed record CreatedUser(UserView User, string Password);

    public sealed record ChangeRoleRequest(string? Role, long? Version);

    public sealed record SitesRequest(IReadOnlyList<long>? SiteIds);

    public sealed record NewPassword(string Password);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users").WithTags("Users").RequirePermission(Permission.ManageUsers);
        users.MapGet("/", ListAsync).WithSummary("Users, paged; q searches usernames, role filters; sort username, role, createdAt.");
        users.MapGet("/{id:long}", async (long id, UserAdministration admin, CancellationToken ct) => TypedResults.Ok(View(await admin.GetAsync(id, ct))))
            .WithSummary("One user.");
        users.MapPost("/", CreateAsync).WithSummary("Create a user with a generated password, returned once; it must be changed at first login.");
        users.MapPut("/{id:long}/role", ChangeRoleAsync).WithSummary("Change a user's role (send the version).");
        users.MapPost("/{id:long}/unlock", UnlockAsync).WithSummary("Lift a lock after too many failed logins.");
        users.MapPost("/{id:long}/reset-password", ResetPasswordAsync).WithSummary("Replace the password with a generated one, returned once.");
        users.MapGet("/{id:long}/sites", async (long id, UserAdministration admin, CancellationToken ct) => TypedResults.Ok(await admin.AssignedSitesAsync(id, ct)))
            .WithSummary("The sites a TECHNICIAN or FIELD_WORKER is limited to.");
        users.MapPut("/{id:long}/sites", AssignSitesAsync).WithSummary("Replace the sites a TECHNICIAN or FIELD_WORKER is limited to.");
        return endpoints;
    }

    private static async Task<Ok<Page<UserView>>> ListAsync(UserAdministration admin, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? sort = null, string? q = null, string? role = null)
    {
        var result = await admin.ListAsync(new ListQuery(page, pageSize, sort, q), role, cancellationToken);
        return TypedResults.Ok(new Page<UserView>(result.Items.Select(View).ToList(), result.Total));
    }

    private static async Task<Created<CreatedUser>> CreateAsync(CreateUserRequest request, UserAdministration admin, HttpContext context, CancellationToken cancellationToken)
    {
        var (user, password) = await admin.CreateAsync(request.Username, request.Role, HttpCaller.From(context), cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", new CreatedUser(View(user), password));
    }

    private static async Task<Ok<UserView>> ChangeRoleAsync(long id, ChangeRoleRequest request, UserAdministration admin, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(View(await admin.ChangeRoleAsync(id, request.Role, request.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), cancellationToken)));

    private static async Task<NoContent> UnlockAsync(long id, UserAdministration admin, HttpContext context, CancellationToken cancellationToken)
    {
        await admin.UnlockAsync(id, HttpCaller.From(context), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<NewPassword>> ResetPasswordAsync(long id, UserAdministration admin, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NewPassword(await admin.ResetPasswordAsync(id, HttpCaller.From(context), cancellationToken)));

    private static async Task<Ok<IReadOnlyList<long>>> AssignSitesAsync(long id, SitesRequest request, UserAdministration admin, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.AssignSitesAsync(id, request.SiteIds, HttpCaller.From(context), cancellationToken));

    private static UserView View(User user) =>
        new(user.Id, user.Username, user.Role, user.MustChangePassword, user.LockedUntil, user.CreatedAt, user.Version);
}
