using System.Text.Json;
using System.Text.RegularExpressions;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Errors;

namespace Sotp.Core.Users;

/// <summary>Creating accounts, resetting and changing passwords: the steps shared by the CLI and the API.</summary>
public sealed partial class UserAccounts(IUserStore users, IRefreshTokenStore refreshTokens, TimeProvider time)
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
        var user = await users.CreateAsync(username, PasswordHasher.Hash(password), role, mustChangePassword: true,
            new AuditEntry(actor, AuditActions.UserCreated, "user", After: JsonSerializer.Serialize(new { username, role = role.ToText() })), cancellationToken);
        return (user, password);
    }

    /// <summary>Replaces the password with a generated one and returns it.</summary>
    public async Task<string> ResetPasswordAsync(string username, AuditActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(username, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, ErrorCodes.NotFound, $"There is no user '{username}'.");
        var password = PasswordGenerator.Generate();
        // A reset means the old password may be known to someone else: every open login ends too (first, so a
        // failure after it leaves the old password in place rather than old logins alive).
        await refreshTokens.RevokeAllForUserAsync(user.Id, time.GetUtcNow(), cancellationToken);
        if (!await users.SetPasswordAsync(username, PasswordHasher.Hash(password), mustChangePassword: true,
            new AuditEntry(actor, AuditActions.PasswordReset, "user"), cancellationToken))
        {
            throw new DomainException(ErrorKind.NotFound, ErrorCodes.NotFound, $"There is no user '{username}'.");
        }

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

        await users.SetPasswordAsync(user.Username, PasswordHasher.Hash(newPassword), mustChangePassword: false,
            new AuditEntry(new AuditActor(user.Id, user.Username, user.Role.ToText()), AuditActions.PasswordChanged, "user", RequestId: requestId, ClientIp: clientIp),
            cancellationToken);
        // Other devices logged in with the old password must log in again; the caller gets a fresh login.
        await refreshTokens.RevokeAllForUserAsync(user.Id, time.GetUtcNow(), cancellationToken);
        return (await users.FindByIdAsync(userId, cancellationToken))!;
    }

    /// <summary>The user when the password matches; null otherwise (no hint which part was wrong).</summary>
    public async Task<User?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(username, cancellationToken);
        return user is not null && PasswordHasher.Verify(password, user.PasswordHash) ? user : null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")]
    private static partial Regex UsernamePattern();
}
