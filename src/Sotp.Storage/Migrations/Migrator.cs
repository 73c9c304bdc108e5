using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Sotp.Storage.Migrations;

/// <summary>
/// Brings the schema to this build's version. Safe to run on every start and from several nodes at once:
/// PostgreSQL serialises migrators with an advisory lock, SQLite with <c>BEGIN IMMEDIATE</c>, and each
/// script is applied in its own transaction together with its row in <c>schema_migrations</c>.
/// </summary>
public sealed class Migrator(Store store, StoreMetrics metrics, ILogger<Migrator> logger)
{
    // Any constant works; it only has to be the same for every SOTP node sharing one database.
    private const long PostgresLockKey = 0x5017_0001;

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """;

    public IReadOnlyList<MigrationScript> Known { get; } = MigrationScript.For(store.Provider);

    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadStatusAsync(connection, cancellationToken);
    }

    /// <summary>Applies what is pending and returns it (empty when the schema was already current).</summary>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(IProgress<MigrationScript>? progress, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("migrate");
        await using var connection = await store.OpenAsync(cancellationToken);
        if (store.Provider == StoreProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey }, cancellationToken: cancellationToken));
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateHistoryTable, cancellationToken: cancellationToken));
            var status = await ReadStatusAsync(connection, cancellationToken);
            var applied = new List<MigrationScript>();
            foreach (var script in status.Pending)
            {
                if (await ApplyAsync(connection, script, cancellationToken))
                {
                    applied.Add(script);
                    progress?.Report(script);
                }
            }

            return applied;
        }
        finally
        {
            if (store.Provider == StoreProvider.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey });
            }
        }
    }

    private async Task<bool> ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        // On SQLite, BEGIN IMMEDIATE takes the write lock up front, so two processes cannot both decide a migration is pending.
        await using var transaction = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);

        // Another SQLite process may have applied it between our status read and our write lock.
        var already = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, transaction, cancellationToken: cancellationToken));
        if (already > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
            new { script.Version, script.Name, script.Checksum, AppliedAt = DateTimeOffset.UtcNow.ToString("O") },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Applied migration {Version} {Name} to {Store}", script.Version, script.Name, store.Description);
        return true;
    }

    private async Task<MigrationStatus> ReadStatusAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var exists = store.Provider == StoreProvider.Postgres
            ? await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: cancellationToken))
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken: cancellationToken)) > 0;

        var applied = exists
            ? (await connection.QueryAsync<(long Version, string Name, string Checksum, string AppliedAt)>(new CommandDefinition(
                    "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken)))
                .Select(row => new AppliedMigration((int)row.Version, row.Name, row.Checksum, DateTimeOffset.Parse(row.AppliedAt, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList()
            : [];

        var newest = Known.Count == 0 ? 0 : Known[^1].Version;
        var fromNewerBuild = applied.Where(m => m.Version > newest).ToList();
        if (fromNewerBuild.Count > 0)
        {
            throw new StoreUnavailableException(
                $"The store ({store.Description}) is at schema version {fromNewerBuild.Max(m => m.Version)}, newer than this build knows ({newest}); run a newer SOTP.");
        }

        foreach (var migration in applied)
        {
            var script = Known[migration.Version - 1];
            if (script.Checksum != migration.Checksum)
            {
                throw new StoreUnavailableException(
                    $"Migration {migration.Version} ({migration.Name}) in the store differs from the one in this build; a shipped migration was edited.");
            }
        }

        var appliedVersions = applied.Select(m => m.Version).ToHashSet();
        return new MigrationStatus(applied, Known.Where(s => !appliedVersions.Contains(s.Version)).ToList());
    }
}
