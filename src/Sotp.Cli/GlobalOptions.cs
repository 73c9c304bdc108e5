using System.CommandLine;

namespace Sotp.Cli;

/// <summary>Store selection shared by every command; the same settings as the server's Storage section.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> DataDirectory = new("--data-dir")
    {
        Description = "SQLite data folder (Storage:DataDirectory, default ./data).",
        Recursive = true,
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Use PostgreSQL with this connection string (Storage:Provider=Postgres, Storage:ConnectionString).",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [DataDirectory, Postgres];
}
