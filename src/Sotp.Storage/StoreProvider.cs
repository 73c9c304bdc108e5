namespace Sotp.Storage;

public enum StoreProvider
{
    /// <summary>The embedded default: one file in the data folder, WAL mode.</summary>
    Sqlite,
    /// <summary>Production and cluster mode, through Npgsql.</summary>
    Postgres,
}
