using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Sotp.Storage;

/// <summary>
/// Opens connections to the configured store. Everything above this class writes SQL that both SQLite and
/// PostgreSQL accept (named <c>@parameters</c>, <c>RETURNING</c>); where they differ, callers branch on
/// <see cref="Provider"/>.
/// </summary>
public sealed class Store : IAsyncDisposable
{
    private readonly StoreOptions _options;
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    // The data folder probe and WAL switch are done by the first successful open, not on every one: opening a
    // pooled connection is a hot path (every API call, every collector batch).
    private volatile bool _sqliteFilePrepared;

    public Store(IOptions<StoreOptions> options)
    {
        _options = options.Value;
        Provider = _options.ParsedProvider;
        if (Provider == StoreProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(_options.ConnectionString)
            {
                Timeout = _options.ConnectTimeoutSeconds,
            };
            _postgres = NpgsqlDataSource.Create(builder);
        }
        else
        {
            _sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = _options.SqlitePath,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    public StoreProvider Provider { get; }

    public StoreOptions Options => _options;

    /// <summary>"SQLite /srv/sotp/data/sotp.db" or "PostgreSQL 10.0.0.5:5432/sotp": for messages, never with a password.</summary>
    public string Description => Provider == StoreProvider.Postgres
        ? DescribePostgres(new NpgsqlConnectionStringBuilder(_options.ConnectionString))
        : $"SQLite {_options.SqlitePath}";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Provider == StoreProvider.Postgres
                ? await _postgres!.OpenConnectionAsync(cancellationToken)
                : await OpenSqliteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new StoreUnavailableException($"Cannot open the store ({Description}): {FirstLine(ex.Message)}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private async Task<DbConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var first = !_sqliteFilePrepared;
        if (first)
        {
            EnsureDataDirectoryWritable();
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // WAL lets readers (UI, API) run while a collector writes, and is a setting of the file, so it is set
            // once. NORMAL sync is safe with WAL and much faster; foreign keys and the busy timeout are settings
            // of each connection.
            pragmas.CommandText = (first ? "PRAGMA journal_mode=WAL; " : "") + "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            _sqliteFilePrepared = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void EnsureDataDirectoryWritable()
    {
        var directory = Path.GetDirectoryName(_options.SqlitePath)!;
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(
                $"The data folder {directory} is not writable (Storage:DataDirectory): {FirstLine(ex.Message)}", ex);
        }
    }

    private static string DescribePostgres(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
