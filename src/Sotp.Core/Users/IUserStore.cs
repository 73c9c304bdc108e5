namespace Sotp.Core.Users;

public interface IUserStore
{
    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException">code <c>conflict</c> when the username is taken.</exception>
    Task<User> CreateAsync(string username, string passwordHash, Role role, bool mustChangePassword, CancellationToken cancellationToken);

    /// <returns>False when no such user exists.</returns>
    Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChangePassword, CancellationToken cancellationToken);
}
