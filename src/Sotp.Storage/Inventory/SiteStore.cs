using Dapper;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.History;
using Sotp.Core.Sites;

namespace Sotp.Storage.Inventory;

public sealed partial class SiteStore(Store store, StoreMetrics metrics, HistoryWriter history, TimeProvider time) : ISiteStore
{
    private const string EntityType = "site";
    private const string Columns = "id, name, address, site_type, latitude, longitude, status, notes, service_from, service_until, service_reason, created_at, updated_at, version";

    private static readonly Dictionary<string, string> SortColumns = new()
    {
        ["name"] = "name_key",
        ["createdAt"] = "created_at",
        ["status"] = "status",
    };

    public async Task<Page<Site>> ListAsync(ListQuery query, SiteStatus? status, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("sites.list");
        var sql = new ListSql().Search(query.Search).WhereSet(status?.ToText(), "status = @status", "status").IdIn("id", onlySites);
        await using var connection = await store.OpenAsync(cancellationToken);
        var page = await sql.PageAsync<SiteRow>(connection, "sites", Columns, query, SortColumns, "name", cancellationToken);
        return new Page<Site>(page.Items.Select(row => row.ToSite()).ToList(), page.Total);
    }

    public async Task<Site?> GetAsync(long id, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("sites.get");
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sites WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToSite();
    }

    public async Task<Site> CreateAsync(SiteData data, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("sites.create");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var site = await InsertAsync(write, data, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return site;
    }

    public async Task CreateManyAsync(IReadOnlyList<SiteData> sites, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("sites.create_many");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        foreach (var data in sites)
        {
            await InsertAsync(write, data, caller, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(long Id, string Name)>> NameIndexAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(long, string)>(new CommandDefinition("SELECT id, name FROM sites", cancellationToken: cancellationToken))).ToList();
    }

    private async Task<Site> InsertAsync(WriteTransaction write, SiteData data, Caller caller, CancellationToken cancellationToken)
    {
        var row = await write.Connection.QuerySingleAsync<SiteRow>(new CommandDefinition(
            $"""
            INSERT INTO sites (name, address, site_type, latitude, longitude, status, notes, service_from, service_until, service_reason, search_text, name_key, created_at)
            VALUES (@Name, @Address, @Type, @Latitude, @Longitude, @status, @Notes, @serviceFrom, @serviceUntil, @serviceReason, @searchText, @nameKey, @now)
            RETURNING {Columns}
            """,
            Parameters(data, time.GetUtcNow()), write.Transaction, cancellationToken: cancellationToken));
        var site = row.ToSite();
        await history.RecordAsync(write, EntityType, site.Id, site.Version, "created", null, site, caller, cancellationToken);
        return site;
    }

    public async Task<Site> UpdateAsync(long id, long expectedVersion, SiteData data, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("sites.update");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await LockedCurrentAsync(write, id, expectedVersion, cancellationToken);
        var row = await write.Connection.QuerySingleAsync<SiteRow>(new CommandDefinition(
            $"""
            UPDATE sites SET name = @Name, address = @Address, site_type = @Type, latitude = @Latitude, longitude = @Longitude, status = @status,
                notes = @Notes, service_from = @serviceFrom, service_until = @serviceUntil, service_reason = @serviceReason,
                search_text = @searchText, name_key = @nameKey, updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING {Columns}
            """,
            new DynamicParameters(Parameters(data, time.GetUtcNow())).With("id", id), write.Transaction, cancellationToken: cancellationToken));
        var site = row.ToSite();
        await history.RecordAsync(write, EntityType, id, site.Version, "updated", before, site, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return site;
    }

    public async Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("sites.delete");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await LockedCurrentAsync(write, id, expectedVersion, cancellationToken);
        var devices = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM devices WHERE site_id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        if (devices > 0)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.SiteHasDevices, $"Site {id} still has {devices} devices; move or delete them first.");
        }

        var secrets = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM secrets WHERE site_id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        if (secrets > 0)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.SiteHasSecrets, $"Site {id} still has {secrets} secrets; delete them first.");
        }

        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM user_sites WHERE site_id = @id; DELETE FROM site_contacts WHERE site_id = @id; DELETE FROM site_procedures WHERE site_id = @id; DELETE FROM sites WHERE id = @id",
            new { id }, write.Transaction, cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken) =>
        HistoryWriter.ReadAsync(store, EntityType, id, cancellationToken);

    public async Task<IReadOnlyList<long>> AssignedSiteIdsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT site_id FROM user_sites WHERE user_id = @userId ORDER BY site_id", new { userId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task AssignSitesAsync(long userId, IReadOnlyCollection<long> siteIds, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = (await write.Connection.QueryAsync<long>(new CommandDefinition(
            "SELECT site_id FROM user_sites WHERE user_id = @userId ORDER BY site_id", new { userId }, write.Transaction, cancellationToken: cancellationToken))).ToList();
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM user_sites WHERE user_id = @userId", new { userId }, write.Transaction, cancellationToken: cancellationToken));
        foreach (var siteId in siteIds.Distinct())
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_sites (user_id, site_id) VALUES (@userId, @siteId)", new { userId, siteId }, write.Transaction, cancellationToken: cancellationToken));
        }

        await history.RecordAsync(write, "user_sites", userId, 0, "assigned", before, siteIds.Distinct().Order().ToList(), caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>The current row, or not_found / version_conflict; read inside the write transaction so nobody changes it meanwhile.</summary>
    private static async Task<Site> LockedCurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var lockClause = write.Connection is Npgsql.NpgsqlConnection ? " FOR UPDATE" : "";
        var row = await write.Connection.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sites WHERE id = @id{lockClause}", new { id }, write.Transaction, cancellationToken: cancellationToken))
            ?? throw SiteService.NotFound(id);
        return row.Version == expectedVersion
            ? row.ToSite()
            : throw DomainException.StaleVersion("site", id, row.Version, expectedVersion);
    }

    private static object Parameters(SiteData data, DateTimeOffset now) => new
    {
        data.Name,
        data.Address,
        data.Type,
        data.Latitude,
        data.Longitude,
        status = data.Status.ToText(),
        data.Notes,
        serviceFrom = data.ServiceMode?.From,
        serviceUntil = data.ServiceMode?.Until,
        serviceReason = data.ServiceMode?.Reason,
        searchText = SearchText.Of(data.Name, data.Address),
        nameKey = SearchText.Of(data.Name),
        now,
    };

    private sealed class SiteRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? Address { get; init; }
        public string? SiteType { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public string Status { get; init; } = "";
        public string? Notes { get; init; }
        public DateTimeOffset? ServiceFrom { get; init; }
        public DateTimeOffset? ServiceUntil { get; init; }
        public string? ServiceReason { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public long Version { get; init; }

        public Site ToSite() => new(Id, Name, Address, SiteType, Latitude, Longitude, EnumText.Parse<SiteStatus>(Status), Notes,
            ServiceFrom is { } from ? new ServiceMode(from, ServiceUntil, ServiceReason ?? "") : null, CreatedAt, UpdatedAt, Version);
    }
}
