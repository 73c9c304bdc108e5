using Microsoft.Data.Sqlite;
using SQLitePCL;
using Sotp.Storage.Migrations;

namespace Sotp.Storage.Backup;

/// <summary>
/// SQLite's online backup API, driven step by step so the CLI can show progress and the server's writers
/// are blocked only for one step at a time (a write during the copy makes SQLite restart it; it stays consistent).
/// </summary>
public sealed class SqliteBackup(Store store) : IStoreBackup
{
    private const int PagesPerStep = 256;

    public async Task BackupAsync(string path, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        if (File.Exists(target))
        {
            throw new BackupException($"{target} exists already; choose a new file name.");
        }

        // Copy into a side file and rename at the end, so a cut-off backup never looks like a good one.
        var partial = target + ".partial";
        File.Delete(partial);
        await using (var source = (SqliteConnection)await store.OpenAsync(cancellationToken))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await destination.OpenAsync(cancellationToken);
            await CopyAsync(source, destination, progress, cancellationToken);
            // A backup is one self-contained file: no -wal beside it.
            await using var command = destination.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        File.Move(partial, target);
    }

    public async Task RestoreAsync(string path, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(path);
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no backup file {source}.");
        }

        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await backup.OpenAsync(cancellationToken);
        await VerifyAsync(backup, source, cancellationToken);

        await using var live = (SqliteConnection)await store.OpenAsync(cancellationToken);
        await CopyAsync(backup, live, progress, cancellationToken);
        // The copy brings the backup's rollback-journal header along; the live store runs in WAL mode.
        await using var wal = live.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        await wal.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task VerifyAsync(SqliteConnection backup, string source, CancellationToken cancellationToken)
    {
        try
        {
            await using var check = backup.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (result != "ok")
            {
                throw new BackupException($"{source} fails SQLite's integrity check: {result}");
            }

            check.CommandText = "SELECT MAX(version) FROM schema_migrations;";
            var version = Convert.ToInt32(await check.ExecuteScalarAsync(cancellationToken) ?? 0, System.Globalization.CultureInfo.InvariantCulture);
            var newest = MigrationScript.For(StoreProvider.Sqlite).Count;
            if (version > newest)
            {
                throw new BackupException($"{source} is at schema version {version}, newer than this build knows ({newest}).");
            }
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"{source} is not an SOTP SQLite backup: {Store.FirstLine(ex.Message)}", ex);
        }
    }

    private static async Task CopyAsync(SqliteConnection from, SqliteConnection to, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var backup = raw.sqlite3_backup_init(to.Handle, "main", from.Handle, "main")
            ?? throw new BackupException($"SQLite refused to start the copy: {raw.sqlite3_errmsg(to.Handle).utf8_to_string()}");
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, PagesPerStep);
                var total = raw.sqlite3_backup_pagecount(backup);
                if (total > 0)
                {
                    progress?.Report((double)(total - raw.sqlite3_backup_remaining(backup)) / total);
                }

                if (rc == raw.SQLITE_DONE)
                {
                    progress?.Report(1.0);
                    return;
                }

                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                {
                    // A writer holds the lock; give it a moment rather than failing the whole backup.
                    await Task.Delay(20, cancellationToken);
                    continue;
                }

                if (rc != raw.SQLITE_OK)
                {
                    throw new BackupException($"SQLite copy failed: {raw.sqlite3_errstr(rc).utf8_to_string()}");
                }
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
    }
}
