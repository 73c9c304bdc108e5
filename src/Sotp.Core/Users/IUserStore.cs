using Sotp.Core.Audit;

namespace Sotp.Core.Users;

/// <summary>
/// Accounts. A mutation given an <see cref="AuditEntry"/> writes it in the same transaction (its entity id filled in),
/// so a change is never stored without its audit record.
/// </summary>
public interface IUserStore
{
    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(long id, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException">code <c>conflict</c> when the username is taken.</exception>
    Task<User> CreateAsync(string username, string passwordHash, Role role, bool mustChangePassword, AuditEntry? audit, CancellationToken cancellationToken);

    /// <returns>False when no such user exists.</returns>
    Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChangePassword, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>Counts a failed login; at <paramref name="lockAfter"/> failures the account is locked until <paramref name="lockUntil"/> and the count restarts.</summary>
    /// <returns>True when this failure locked the account.</returns>
    Task<bool> RecordFailedLoginAsync(long userId, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    Task RecordSuccessfulLoginAsync(long userId, CancellationToken cancellationToken);

    Task<Page<User>> ListAsync(ListQuery query, Role? role, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c> or <c>version_conflict</c>.</exception>
    Task<User> UpdateRoleAsync(long id, long expectedVersion, Role role, AuditEntry? audit, CancellationToken cancellationToken);

    /// <returns>False when no such user exists.</returns>
    Task<bool> UnlockAsync(long id, AuditEntry? audit, CancellationToken cancellationToken);
}
