using Sotp.Core.Audit;
using Sotp.Core.Users;

namespace Sotp.Core.Auth;

/// <summary>Checks a username and password under the brute-force limits and audits every attempt.</summary>
public sealed class Authenticator(IUserStore users, IAuditLog audit, AddressThrottle throttle, TimeProvider time)
{
    // Verified against when the user does not exist, so that an unknown name costs as much time as a wrong password.
    private static readonly string DummyHash = PasswordHasher.Hash(Guid.NewGuid().ToString());

    public async Task<LoginOutcome> LoginAsync(string username, string password, string clientAddress, string? requestId, CancellationToken cancellationToken)
    {
        if (throttle.IsBlocked(clientAddress, out var retryAfter))
        {
            return new LoginOutcome(LoginStatus.AddressBlocked, RetryAfter: retryAfter);
        }

        var user = await users.FindByUsernameAsync(username, cancellationToken);
        var passwordMatches = PasswordHasher.Verify(password, user?.PasswordHash ?? DummyHash);
        var now = time.GetUtcNow();
        var locked = user?.LockedUntil > now;

        if (user is not null && passwordMatches && !locked)
        {
            await users.RecordSuccessfulLoginAsync(user.Id, cancellationToken);
            await audit.AppendAsync(new AuditEntry(new AuditActor(user.Id, user.Username, user.Role.ToText()), AuditActions.LoginSucceeded,
                "user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), RequestId: requestId, ClientIp: clientAddress), cancellationToken);
            return new LoginOutcome(LoginStatus.Succeeded, user);
        }

        throttle.RecordFailure(clientAddress);
        var detail = user is null ? "unknown user" : locked ? "account locked" : "wrong password";
        await audit.AppendAsync(new AuditEntry(new AuditActor(user?.Id, user?.Username ?? UnknownName(username), user?.Role.ToText()), AuditActions.LoginFailed,
            "user", user?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Detail: detail, RequestId: requestId, ClientIp: clientAddress), cancellationToken);

        if (user is not null && !locked &&
            await users.RecordFailedLoginAsync(user.Id, LoginLimits.FailuresPerAccount, now + LoginLimits.AccountLock, cancellationToken))
        {
            await audit.AppendAsync(new AuditEntry(AuditActor.System, AuditActions.AccountLocked, "user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Detail: $"{LoginLimits.FailuresPerAccount} failed logins; locked for {LoginLimits.AccountLock.TotalMinutes:0} minutes", RequestId: requestId, ClientIp: clientAddress), cancellationToken);
        }

        return new LoginOutcome(LoginStatus.InvalidCredentials);
    }

    /// <summary>
    /// A name that matches no account is often a password typed into the wrong box, so the audit keeps only a
    /// short hash of it: repeated attempts with the same name still show up as one name, and nothing typed is readable.
    /// </summary>
    internal static string UnknownName(string username) =>
        "unknown#" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(username)))[..12];
}
