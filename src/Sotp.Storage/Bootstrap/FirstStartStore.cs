using Dapper;
using Sotp.Core;
using Sotp.Core.Bootstrap;
using Sotp.Core.Sites;

namespace Sotp.Storage.Bootstrap;

public sealed class FirstStartStore(Store store, StoreMetrics metrics, TimeProvider time) : IFirstStartStore
{
    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM users)", cancellationToken: cancellationToken));
    }

    public async Task<bool> SeedIfEmptyAsync(FirstStartSeed seed, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("first_start");
        // SQLite's write transaction is taken before the emptiness check; on PostgreSQL a second node starting
        // on the same empty database waits at the table lock, then sees the users.
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        if (store.Provider == StoreProvider.Postgres)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition("LOCK TABLE users IN EXCLUSIVE MODE", transaction: write.Transaction, cancellationToken: cancellationToken));
        }

        var seeded = await SeedAsync(write.Connection, write.Transaction, seed, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return seeded;
    }

    private async Task<bool> SeedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, FirstStartSeed seed, CancellationToken cancellationToken)
    {
        var users = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", transaction: transaction, cancellationToken: cancellationToken));
        if (users > 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (username, password_hash, role, must_change_password, created_at)
            VALUES (@AdminUsername, @AdminPasswordHash, @role, @mustChange, @now)
            """,
            new { seed.AdminUsername, seed.AdminPasswordHash, role = seed.AdminRole.ToText(), mustChange = true, now },
            transaction, cancellationToken: cancellationToken));

        var siteId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO sites (name, address, status, search_text, name_key, created_at) VALUES (@DemoSiteName, @DemoSiteAddress, @status, @searchText, @nameKey, @now) RETURNING id",
            new { seed.DemoSiteName, seed.DemoSiteAddress, status = SiteStatus.Active.ToText(), searchText = SearchText.Of(seed.DemoSiteName, seed.DemoSiteAddress), nameKey = SearchText.Of(seed.DemoSiteName), now },
            transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO devices (site_id, name, kind, address, enabled, search_text, name_key, created_at) VALUES (@siteId, @DemoDeviceName, @kind, @DemoDeviceAddress, @enabled, @searchText, @nameKey, @now)",
            new { siteId, seed.DemoDeviceName, kind = seed.DemoDeviceKind.ToText(), seed.DemoDeviceAddress, enabled = true, searchText = SearchText.Of(seed.DemoDeviceName, seed.DemoDeviceAddress), nameKey = SearchText.Of(seed.DemoDeviceName), now },
            transaction, cancellationToken: cancellationToken));
        return true;
    }
}
