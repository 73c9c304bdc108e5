namespace Sotp.Core.Users;

/// <param name="PasswordHash">A PHC-format Argon2id string (see <see cref="PasswordHasher"/>); never the password.</param>
/// <param name="MustChangePassword">Set for generated passwords, so the first login forces a change.</param>
public sealed record User(
    long Id,
    string Username,
    string PasswordHash,
    Role Role,
    bool MustChangePassword,
    DateTimeOffset CreatedAt,
    long Version);
