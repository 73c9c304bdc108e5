using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Errors;

namespace Sotp.Core.Users;

/// <summary>Creating accounts, resetting and changing passwords: the steps shared by the CLI and the API.</summary>
public sealed partial class UserAccounts(IUserStore users, IAuditLog audit, IRefreshTokenStore refreshTokens, TimeProvider time)
{
    /// <summary>Creates a user with a generated password and returns it; the user must change it at first login.</summary>
    public async Task<(User User, string Password)> CreateAsync(string username, Role role, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!UsernamePattern().IsMatch(username))
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed,
                "A username is 2-64 characters: letters, digits, '.', '_', '-' and '@', starting with a letter or digit.") { Field = "username" };
        }

        var password = PasswordGenerator.Generate();
        var user = await users.CreateAsync(username, PasswordHasher.Hash(password), role, mustChangePassword: true, cancellationToken);
        await audit.AppendAsync(new AuditEntry(actor, AuditActions.UserCreated, "user", Id(user),
            After: JsonSerializer.Serialize(new { username = user.Username, role = user.Role.ToText() })), cancellationToken);
        return (user, password);
    }

    /// <summary>Replaces the password with a generated one and returns it.</summary>
    public async Task<string> ResetPasswordAsync(string username, AuditActor actor, CancellationToken cancellationToken)
    {
        var password = PasswordGenerator.Generate();
        if (!await users.SetPasswordAsync(username, PasswordHasher.Hash(password), mustChangePassword: true, cancellationToken))
        {
            throw new DomainException(ErrorKind.NotFound, ErrorCodes.NotFound, $"There is no user '{username}'.");
        }

        var user = await users.FindByUsernameAsync(username, cancellationToken);
        if (user is not null)
        {
            // A reset means the old password may be known to someone else: every open login ends too.
            await refreshTokens.RevokeAllForUserAsync(user.Id, time.GetUtcNow(), cancellationToken);
        }

        await audit.AppendAsync(new AuditEntry(actor, AuditActions.PasswordReset, "user", user is null ? null : Id(user)), cancellationToken);
        return password;
    }

    /// <summary>
    /// Replaces the password after checking the current one and the policy; clears the forced-change flag.
    /// Refusals are validation errors naming the field (<c>currentPassword</c> or <c>newPassword</c>).
    /// </summary>
    public async Task<User> ChangePasswordAsync(long userId, string currentPassword, string newPassword, string? requestId, string? clientIp, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, ErrorCodes.NotFound, "The account no longer exists.");
        if (!PasswordHasher.Verify(currentPassword, user.PasswordHash))
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed, "The current password is wrong.")
            {
                Field = "currentPassword",
            };
        }

        var problems = PasswordPolicy.Check(user.Username, newPassword).ToList();
        if (newPassword == currentPassword)
        {
            problems.Add("The new password must differ from the current one.");
        }

        if (problems.Count > 0)
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed, string.Join(' ', problems)) { Field = "newPassword" };
        }

        await users.SetPasswordAsync(user.Username, PasswordHasher.Hash(newPassword), mustChangePassword: false, cancellationToken);
        // Other devices logged in with the old password must log in again; the caller gets a fresh login.
        await refreshTokens.RevokeAllForUserAsync(user.Id, time.GetUtcNow(), cancellationToken);
        await audit.AppendAsync(new AuditEntry(new AuditActor(user.Id, user.Username, user.Role.ToText()), AuditActions.PasswordChanged,
            "user", Id(user), RequestId: requestId, ClientIp: clientIp), cancellationToken);
        return (await users.FindByIdAsync(userId, cancellationToken))!;
    }

    /// <summary>The user when the password matches; null otherwise (no hint which part was wrong).</summary>
    public async Task<User?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(username, cancellationToken);
        return user is not null && PasswordHasher.Verify(password, user.PasswordHash) ? user : null;
    }

    private static string Id(User user) => user.Id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")]
    private static partial Regex UsernamePattern();
}
