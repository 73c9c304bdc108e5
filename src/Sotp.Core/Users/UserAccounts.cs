using System.Text.RegularExpressions;
using Sotp.Core.Errors;

namespace Sotp.Core.Users;

/// <summary>Creating accounts and resetting passwords, shared by the CLI and (later) the API.</summary>
public sealed partial class UserAccounts(IUserStore users)
{
    /// <summary>Creates a user with a generated password and returns it; the user must change it at first login.</summary>
    public async Task<(User User, string Password)> CreateAsync(string username, Role role, CancellationToken cancellationToken)
    {
        if (!UsernamePattern().IsMatch(username))
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed,
                "A username is 2-64 characters: letters, digits, '.', '_', '-' and '@', starting with a letter or digit.");
        }

        var password = PasswordGenerator.Generate();
        var user = await users.CreateAsync(username, PasswordHasher.Hash(password), role, mustChangePassword: true, cancellationToken);
        return (user, password);
    }

    /// <summary>Replaces the password with a generated one and returns it.</summary>
    public async Task<string> ResetPasswordAsync(string username, CancellationToken cancellationToken)
    {
        var password = PasswordGenerator.Generate();
        if (!await users.SetPasswordAsync(username, PasswordHasher.Hash(password), mustChangePassword: true, cancellationToken))
        {
            throw new DomainException(ErrorKind.NotFound, ErrorCodes.NotFound, $"There is no user '{username}'.");
        }

        return password;
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
