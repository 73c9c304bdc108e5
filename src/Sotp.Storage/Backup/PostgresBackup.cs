using System.Text.RegularExpressions;

namespace Sotp.Storage.Backup;

/// <summary>
/// pg_dump's custom format for backups. A restore empties the schema and loads the dump in ONE psql
/// transaction, so a failed restore leaves the store exactly as it was.
/// </summary>
public sealed partial class PostgresBackup(Store store) : IStoreBackup
{
    // Drops every table of the current schema (identity sequences go with their tables), so tables added by
    // migrations newer than the backup do not survive into the restored store.
    private const string DropAllTables = """
        DO $$
        DECLARE t record;
        BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
                EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
            END LOOP;
        END $$;
        """;

    private string ConnectionString => store.Options.ConnectionString!;

    public async Task BackupAsync(string path, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        if (File.Exists(target))
        {
            throw new BackupException($"{target} exists already; choose a new file name.");
        }

        var tables = await CountTablesAsync(cancellationToken);
        var dumped = 0;
        var partial = target + ".partial";
        File.Delete(partial);
        // pg_dump takes a snapshot (one repeatable-read transaction), so the dump is consistent while the server runs.
        await PostgresTools.RunAsync("pg_dump", ["--format=custom", "--verbose", "--no-owner", "--no-privileges", $"--file={partial}"], ConnectionString,
            line =>
            {
                if (line.Contains("dumping contents of table", StringComparison.Ordinal))
                {
                    progress?.Report(Math.Min(1.0, (double)Interlocked.Increment(ref dumped) / Math.Max(1, tables)));
                }
            }, cancellationToken);
        File.Move(partial, target);
        progress?.Report(1.0);
    }

    public async Task RestoreAsync(string path, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(path);
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no backup file {source}.");
        }

        var listing = new List<string>();
        try
        {
            await PostgresTools.RunAsync("pg_restore", ["--list", source], ConnectionString, listing.Add, cancellationToken);
        }
        catch (BackupException ex)
        {
            throw new BackupException($"{source} is not a pg_dump archive ({ex.Message}).", ex);
        }

        var dataEntries = listing.Count(line => TableDataEntry().IsMatch(line));
        var script = Path.Combine(Path.GetTempPath(), $"sotp-restore-{Guid.NewGuid():N}.sql");
        try
        {
            await PostgresTools.RunAsync("pg_restore", ["--no-owner", "--no-privileges", $"--file={script}", source], ConnectionString, null, cancellationToken);
            var loaded = 0;
            await PostgresTools.RunAsync("psql",
                ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction", $"--command={DropAllTables}", $"--file={script}"],
                ConnectionString,
                line =>
                {
                    if (line.StartsWith("COPY ", StringComparison.Ordinal))
                    {
                        progress?.Report(Math.Min(1.0, (double)Interlocked.Increment(ref loaded) / Math.Max(1, dataEntries)));
                    }
                }, cancellationToken);
        }
        finally
        {
            File.Delete(script);
        }

        progress?.Report(1.0);
    }

    private async Task<int> CountTablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\d+;.*\bTABLE DATA\b")]
    private static partial Regex TableDataEntry();
}
