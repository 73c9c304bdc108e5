using Sotp.Core.Users;

namespace Sotp.Core.Auth;

/// <summary>
/// The result of a login attempt. A wrong password, an unknown user and a locked account all come back as
/// <see cref="LoginStatus.InvalidCredentials"/>: the answer never tells whether an account exists.
/// </summary>
public sealed record LoginOutcome(LoginStatus Status, User? User = null, TimeSpan RetryAfter = default);

public enum LoginStatus
{
    Succeeded,
    InvalidCredentials,
    AddressBlocked,
}
