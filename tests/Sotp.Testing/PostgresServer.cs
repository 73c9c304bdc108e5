using System.Diagnostics;
using Npgsql;

namespace Sotp.Testing;

/// <summary>
/// A real PostgreSQL server (Debian's postgresql package) started in a temporary folder on a free loopback
/// port, once per test process, and stopped when the process exits. Each test takes a fresh database from it.
/// As root the server runs as the postgres user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer
{
    private const string Password = "sotp-test-password";
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);

    private readonly string _root;
    private readonly string _binDirectory;

    private PostgresServer(string root, string binDirectory, int port)
    {
        _root = root;
        _binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Password = Password, Database = database, Pooling = true }.ToString();

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"sotp_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        RemoveLeftovers();
        var root = Path.Combine(Path.GetTempPath(), $"sotp-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", root], asPostgres: false);
        }

        var passwordFile = Path.Combine(root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", passwordFile], asPostgres: false);
        }

        var data = Path.Combine(root, "data");
        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--no-sync"], asRoot);

        var port = FreePort.Next();
        // Durability settings off: these databases live for one test run.
        var serverOptions = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", serverOptions, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"], asRoot);

        var server = new PostgresServer(root, bin, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot);
        return server;
    }

    private void Stop(bool asRoot)
    {
        try
        {
            RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL in {_root}: {ex.Message}");
        }
    }

    /// <summary>
    /// A test process can be killed before its exit handler finishes deleting the folder; the next run
    /// removes folders whose server is no longer running (no postmaster.pid).
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "sotp-pg-*"))
        {
            if (!File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another user's or a busy folder: not ours to force.
                }
            }
        }
    }

    private static string FindBinDirectory()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => dir, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server programs were not found in /usr/lib/postgresql/*/bin. Every storage test runs on PostgreSQL too: " +
            "install Debian's postgresql package (./test.sh does this when run as root).");
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
