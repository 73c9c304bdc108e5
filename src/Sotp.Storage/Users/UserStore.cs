using Dapper;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Users;

namespace Sotp.Storage.Users;

public sealed class UserStore(Store store, StoreMetrics metrics, TimeProvider time) : IUserStore
{
    private const string Columns = "id, username, password_hash, role, must_change_password, created_at, version";

    public async Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.find");
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE lower(username) = lower(@username)", new { username }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public async Task<User> CreateAsync(string username, string passwordHash, Role role, bool mustChangePassword, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.create");
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE lower(username) = lower(@username)", new { username }, transaction, cancellationToken: cancellationToken));
        if (taken > 0)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.Conflict, $"The username '{username}' is taken.");
        }

        var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
            $"""
            INSERT INTO users (username, password_hash, role, must_change_password, created_at)
            VALUES (@username, @passwordHash, @role, @mustChangePassword, @createdAt)
            RETURNING {Columns}
            """,
            new { username, passwordHash, role = role.ToText(), mustChangePassword, createdAt = time.GetUtcNow() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row.ToUser();
    }

    public async Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChangePassword, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.set_password");
        await using var connection = await store.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET password_hash = @passwordHash, must_change_password = @mustChangePassword, version = version + 1
            WHERE lower(username) = lower(@username)
            """,
            new { username, passwordHash, mustChangePassword }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    private sealed class UserRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public bool MustChangePassword { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long Version { get; init; }

        public User ToUser() =>
            new(Id, Username, PasswordHash, EnumText.Parse<Role>(Role), MustChangePassword, CreatedAt, Version);
    }
}
