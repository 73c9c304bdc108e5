using System.Data.Common;
using Dapper;
using System.Globalization;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Users;
using Sotp.Storage.Audit;

namespace Sotp.Storage.Users;

/// <summary>Accounts. Every change that an <see cref="AuditEntry"/> accompanies commits together with it, or neither does.</summary>
public sealed class UserStore(Store store, StoreMetrics metrics, AuditLog auditLog, TimeProvider time) : IUserStore
{
    private static readonly Dictionary<string, string> SortColumns = new()
    {
        ["username"] = "lower(username)",
        ["role"] = "role",
        ["createdAt"] = "created_at",
    };

    private const string Columns = "id, username, password_hash, role, must_change_password, created_at, version, failed_logins, locked_until";

    public async Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.find");
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE lower(username) = lower(@username)", new { username }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public async Task<User?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.find");
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public async Task<User> CreateAsync(string username, string passwordHash, Role role, bool mustChangePassword, AuditEntry? audit, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.create");
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var row = await write.Connection.QuerySingleAsync<UserRow>(new CommandDefinition(
                $"""
                INSERT INTO users (username, password_hash, role, must_change_password, created_at)
                VALUES (@username, @passwordHash, @role, @mustChangePassword, @createdAt)
                RETURNING {Columns}
                """,
                new { username, passwordHash, role = role.ToText(), mustChangePassword, createdAt = time.GetUtcNow() },
                write.Transaction, cancellationToken: cancellationToken));
            await AuditAsync(write, audit, row.Id, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return row.ToUser();
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            // The unique index (case-insensitive on both stores) decides, so two concurrent creations cannot both win.
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.Conflict, $"The username '{username}' is taken.");
        }
    }

    public async Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChangePassword, AuditEntry? audit, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.set_password");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var id = await write.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE users SET password_hash = @passwordHash, must_change_password = @mustChangePassword, password_changed_at = @now,
                failed_logins = 0, locked_until = NULL, version = version + 1
            WHERE lower(username) = lower(@username)
            RETURNING id
            """,
            new { username, passwordHash, mustChangePassword, now = time.GetUtcNow() }, write.Transaction, cancellationToken: cancellationToken));
        if (id is null)
        {
            return false;
        }

        await AuditAsync(write, audit, id.Value, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RecordFailedLoginAsync(long userId, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.login_failed");
        await using var connection = await store.OpenAsync(cancellationToken);
        // One statement, so concurrent failures cannot both read the old count.
        var locked = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE users SET
                locked_until = CASE WHEN failed_logins + 1 >= @lockAfter THEN @lockUntil ELSE locked_until END,
                failed_logins = CASE WHEN failed_logins + 1 >= @lockAfter THEN 0 ELSE failed_logins + 1 END
            WHERE id = @userId
            RETURNING CASE WHEN failed_logins = 0 THEN 1 ELSE 0 END
            """,
            new { userId, lockAfter, lockUntil }, cancellationToken: cancellationToken));
        return locked == 1;
    }

    public async Task RecordSuccessfulLoginAsync(long userId, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.login_succeeded");
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_logins = 0 WHERE id = @userId AND failed_logins <> 0", new { userId }, cancellationToken: cancellationToken));
    }

    public async Task<Page<User>> ListAsync(ListQuery query, Role? role, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.list");
        // Usernames are ASCII by rule, so SQL lower() folds them alike on both stores.
        var sql = new ListSql()
            .WhereSet(string.IsNullOrWhiteSpace(query.Search) ? null : SearchText.Pattern(query.Search), "lower(username) LIKE @search ESCAPE '\\'", "search")
            .WhereSet(role?.ToText(), "role = @role", "role");
        await using var connection = await store.OpenAsync(cancellationToken);
        var page = await sql.PageAsync<UserRow>(connection, "users", Columns, query, SortColumns, "username", cancellationToken);
        return new Page<User>(page.Items.Select(row => row.ToUser()).ToList(), page.Total);
    }

    public async Task<User> UpdateRoleAsync(long id, long expectedVersion, Role role, AuditEntry? audit, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.update_role");
        await using (var write = await WriteTransaction.BeginAsync(store, cancellationToken))
        {
            var row = await write.Connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                $"UPDATE users SET role = @role, version = version + 1 WHERE id = @id AND version = @expectedVersion RETURNING {Columns}",
                new { id, expectedVersion, role = role.ToText() }, write.Transaction, cancellationToken: cancellationToken));
            if (row is not null)
            {
                await AuditAsync(write, audit, id, cancellationToken);
                await write.CommitAsync(cancellationToken);
                return row.ToUser();
            }
        }

        throw await FindByIdAsync(id, cancellationToken) is { } current
            ? DomainException.StaleVersion("user", id, current.Version, expectedVersion)
            : DomainException.NotFound("user", id);
    }

    public async Task<bool> UnlockAsync(long id, AuditEntry? audit, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("users.unlock");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        if (await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(write, audit, id, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return true;
    }

    private Task AuditAsync(WriteTransaction write, AuditEntry? audit, long userId, CancellationToken cancellationToken) =>
        audit is null
            ? Task.CompletedTask
            : auditLog.AppendAsync(write, audit with { EntityId = userId.ToString(CultureInfo.InvariantCulture) }, cancellationToken);

    private sealed class UserRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public bool MustChangePassword { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long Version { get; init; }
        public int FailedLogins { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }

        public User ToUser() =>
            new(Id, Username, PasswordHash, EnumText.Parse<Role>(Role), MustChangePassword, CreatedAt, Version, FailedLogins, LockedUntil);
    }
}
