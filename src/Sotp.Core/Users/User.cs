namespace Sotp.Core.Users;

/// <param name="PasswordHash">A PHC-format Argon2id string (see <see cref="PasswordHasher"/>); never the password.</param>
/// <param name="MustChangePassword">Set for generated passwords, so the first login forces a change.</param>
/// <param name="FailedLogins">Failed logins since the last success or lock; reaching the limit locks the account.</param>
/// <param name="LockedUntil">While in the future, logins are refused even with the right password.</param>
public sealed record User(
    long Id,
    string Username,
    string PasswordHash,
    Role Role,
    bool MustChangePassword,
    DateTimeOffset CreatedAt,
    long Version,
    int FailedLogins = 0,
    DateTimeOffset? LockedUntil = null);
