namespace Sotp.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Storage";
    public const string DefaultDataDirectory = "./data";
    public const string SqliteFileName = "sotp.db";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(StoreProvider.Sqlite);

    /// <summary>Where SQLite keeps its file, and where backups go unless a path is given.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>Required for Postgres, e.g. <c>Host=127.0.0.1;Port=5432;Username=sotp;Password=…;Database=sotp</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a connection attempt may take before the store counts as unreachable.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    public StoreProvider ParsedProvider =>
        Enum.TryParse<StoreProvider>(Provider, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Storage:Provider '{Provider}' was not validated.");

    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, SqliteFileName));
}
