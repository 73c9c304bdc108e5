using System.Diagnostics;
using Npgsql;

namespace Sotp.Storage.Backup;

/// <summary>
/// Runs PostgreSQL's own client programs (pg_dump, pg_restore, psql). Debian keeps them per major version in
/// /usr/lib/postgresql/N/bin; the newest is taken because pg_dump must be at least the server's version.
/// The password goes through the environment (PGPASSWORD), never the command line that <c>ps</c> shows.
/// </summary>
internal static class PostgresTools
{
    public static string Find(string program)
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : 0))
                .OrderByDescending(entry => entry.Major)
                .Select(entry => Path.Combine(entry.Dir, "bin", program))
                .FirstOrDefault(File.Exists)
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        return versioned ?? onPath
            ?? throw new BackupException($"{program} was not found; install PostgreSQL's client programs (Debian: apt-get install postgresql-client).");
    }

    /// <summary>Runs a program to completion, handing each line of stdout and stderr to <paramref name="onLine"/>.</summary>
    public static async Task RunAsync(string program, IEnumerable<string> arguments, string connectionString, Action<string>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetConnectionEnvironment(start, connectionString);
        using var process = Process.Start(start) ?? throw new BackupException($"Could not start {program}.");
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { onLine?.Invoke(e.Data); } };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            onLine?.Invoke(e.Data);
            if (e.Data.Contains("error", StringComparison.OrdinalIgnoreCase) || e.Data.Contains("FATAL", StringComparison.Ordinal))
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var reason = errors.Count > 0 ? errors[0] : $"exit code {process.ExitCode}";
            throw new BackupException($"{program} failed: {reason}");
        }
    }

    private static void SetConnectionEnvironment(ProcessStartInfo start, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username ?? Environment.UserName;
        start.Environment["PGDATABASE"] = builder.Database ?? builder.Username ?? Environment.UserName;
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        if (!string.IsNullOrEmpty(builder.Password))
        {
            start.Environment["PGPASSWORD"] = builder.Password;
        }
    }
}
