using Sotp.Core.Bootstrap;
using Sotp.Storage;
using Sotp.Storage.Migrations;

namespace Sotp.Server.Hosting;

/// <summary>
/// First hosted service to start and last to stop: brings the schema up to date and seeds an empty store
/// before anything else touches it, and on shutdown folds SQLite's write-ahead log back into the database.
/// </summary>
internal sealed class StoreStartupService(
    Store store,
    Migrator migrator,
    FirstStart firstStart,
    Readiness readiness,
    ILogger<StoreStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(progress: null, cancellationToken);
        logger.LogInformation("Store {Store} ready at schema version {Version} ({Applied} migrations applied now)",
            store.Description, migrator.Known.Count, applied.Count);
        readiness.MarkMigrated();

        var password = await firstStart.RunAsync(cancellationToken);
        if (password is not null)
        {
            AnnounceAdministrator(password);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (store.Provider != StoreProvider.Sqlite)
        {
            return;
        }

        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        catch (Exception ex) when (ex is StoreUnavailableException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LogWarning(ex, "Could not checkpoint the SQLite write-ahead log at shutdown; it will be replayed at next start");
        }
    }

    /// <summary>
    /// Straight to the console, not through the logger: log lines are shipped and kept, and this password
    /// must exist in exactly one place, the screen of whoever started the server.
    /// </summary>
    private static void AnnounceAdministrator(string password)
    {
        var lines = new[]
        {
            "",
            "==================================================================",
            " SOTP first start: administrator account created",
            $"   user:     {FirstStart.AdminUsername}",
            $"   password: {password}",
            " This password is shown once and never logged. Change it at first login.",
            "==================================================================",
            "",
        };
        Console.Out.Write(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        Console.Out.Flush();
    }
}
