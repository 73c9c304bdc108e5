using System.Text.Json;
using Dapper;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.History;
using Sotp.Core.Import;

namespace Sotp.Storage.Inventory;

public sealed class DeviceStore(Store store, StoreMetrics metrics, HistoryWriter history, InventoryChanges changes, TimeProvider time) : IDeviceStore
{
    private const string EntityType = "device";
    private const string Columns = "id, site_id, name, kind, vendor, model, address, tags, parent_id, enabled, icmp_interval_seconds, snmp_interval_seconds, credentials, created_at, updated_at, version, priority_override";

    // Deeper than any real network: a longer chain means the data is broken, and the walk must end.
    private const int MaxDependencyDepth = 64;

    private static readonly Dictionary<string, string> SortColumns = new()
    {
        ["name"] = "name_key",
        ["kind"] = "kind",
        ["address"] = "address",
        ["createdAt"] = "created_at",
    };

    public async Task<Page<Device>> ListAsync(ListQuery query, DeviceFilter filter, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.list");
        var sql = new ListSql().Search(query.Search)
            .WhereSet(filter.SiteId, "site_id = @siteId", "siteId")
            .WhereSet(filter.Kind?.ToText(), "kind = @kind", "kind")
            .WhereSet(filter.Enabled, "enabled = @enabled", "enabled")
            .WhereSet(filter.GroupId, "id IN (SELECT device_id FROM device_group_members WHERE group_id = @groupId)", "groupId")
            // Tags are stored as a JSON array of restricted words, so the quoted word is an exact match.
            .WhereSet(filter.Tag is null ? null : "%" + SearchText.EscapeLike(JsonSerializer.Serialize(filter.Tag)) + "%", "tags LIKE @tag ESCAPE '\\'", "tag")
            .IdIn("site_id", onlySites);
        await using var connection = await store.OpenAsync(cancellationToken);
        var page = await sql.PageAsync<DeviceRow>(connection, "devices", Columns, query, SortColumns, "name", cancellationToken);
        return new Page<Device>(page.Items.Select(row => row.ToDevice()).ToList(), page.Total);
    }

    public async Task<Device?> GetAsync(long id, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.get");
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeviceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM devices WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToDevice();
    }

    public async Task<Device> CreateAsync(DeviceData data, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.create");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var device = await InsertAsync(write, data, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        changes.Signal();
        return device;
    }

    public async Task CreateManyAsync(IReadOnlyList<DeviceImportRow> devices, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.create_many");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var ids = new List<long>(devices.Count);
        foreach (var (data, parentIndex) in devices)
        {
            var withParent = parentIndex is { } index ? data with { ParentId = ids[index] } : data;
            ids.Add((await InsertAsync(write, withParent, caller, cancellationToken)).Id);
        }

        await write.CommitAsync(cancellationToken);
        changes.Signal();
    }

    public async Task<IReadOnlyList<PollTarget>> PollTargetsAsync(CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.poll_targets");
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, long, long?, string, int, int)>(new CommandDefinition(
            "SELECT id, site_id, parent_id, address, icmp_interval_seconds, snmp_interval_seconds FROM devices WHERE enabled ORDER BY id",
            cancellationToken: cancellationToken));
        return rows.Select(row => new PollTarget(row.Item1, row.Item2, row.Item3, row.Item4, row.Item5, row.Item6)).ToList();
    }

    public async Task<IReadOnlyList<(long Id, string Name)>> NameIndexAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(long, string)>(new CommandDefinition("SELECT id, name FROM devices", cancellationToken: cancellationToken))).ToList();
    }

    private async Task<Device> InsertAsync(WriteTransaction write, DeviceData data, Caller caller, CancellationToken cancellationToken)
    {
        await CheckReferencesAsync(write, data, cancellationToken);
        var row = await write.Connection.QuerySingleAsync<DeviceRow>(new CommandDefinition(
            $"""
            INSERT INTO devices (site_id, name, kind, vendor, model, address, tags, parent_id, enabled, icmp_interval_seconds, snmp_interval_seconds, credentials, search_text, name_key, created_at, priority_override)
            VALUES (@SiteId, @Name, @kind, @Vendor, @Model, @Address, @tags, @ParentId, @Enabled, @IcmpIntervalSeconds, @SnmpIntervalSeconds, @credentials, @searchText, @nameKey, @now, @priorityOverride)
            RETURNING {Columns}
            """,
            Parameters(data, time.GetUtcNow()), write.Transaction, cancellationToken: cancellationToken));
        var device = row.ToDevice();
        await history.RecordAsync(write, EntityType, device.Id, device.Version, "created", null, device, caller, cancellationToken);
        return device;
    }

    public async Task<Device> UpdateAsync(long id, long expectedVersion, DeviceData data, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.update");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await LockedCurrentAsync(write, id, expectedVersion, cancellationToken);
        await CheckReferencesAsync(write, data, cancellationToken);
        if (data.ParentId is { } parentId && await DependsOnAsync(write, parentId, id, cancellationToken))
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.DependencyCycle,
                $"Device {parentId} depends on device {id} already; making it the parent would close a loop.") { Field = "parentId" };
        }

        var row = await write.Connection.QuerySingleAsync<DeviceRow>(new CommandDefinition(
            $"""
            UPDATE devices SET site_id = @SiteId, name = @Name, kind = @kind, vendor = @Vendor, model = @Model, address = @Address, tags = @tags,
                parent_id = @ParentId, enabled = @Enabled, icmp_interval_seconds = @IcmpIntervalSeconds, snmp_interval_seconds = @SnmpIntervalSeconds, credentials = @credentials,
                search_text = @searchText, name_key = @nameKey, priority_override = @priorityOverride, updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING {Columns}
            """,
            new DynamicParameters(Parameters(data, time.GetUtcNow())).With("id", id), write.Transaction, cancellationToken: cancellationToken));
        var device = row.ToDevice();
        await history.RecordAsync(write, EntityType, id, device.Version, "updated", before, device, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        changes.Signal();
        return device;
    }

    public async Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("devices.delete");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await LockedCurrentAsync(write, id, expectedVersion, cancellationToken);
        var children = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM devices WHERE parent_id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        if (children > 0)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.DeviceHasChildren, $"{children} devices depend on device {id}; give them another parent first.");
        }

        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM device_group_members WHERE device_id = @id; DELETE FROM devices WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        changes.Signal();
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken) =>
        HistoryWriter.ReadAsync(store, EntityType, id, cancellationToken);

    private static async Task CheckReferencesAsync(WriteTransaction write, DeviceData data, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM sites WHERE id = @SiteId", new { data.SiteId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            errors["siteId"] = [$"There is no site {data.SiteId}."];
        }

        if (data.ParentId is not null &&
            await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM devices WHERE id = @ParentId", new { data.ParentId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            errors["parentId"] = [$"There is no device {data.ParentId}."];
        }

        foreach (var (field, secretId) in data.Credentials.SecretReferences())
        {
            // A device may use its own site's secrets and global ones, never another site's.
            if (await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM secrets WHERE id = @secretId AND (site_id IS NULL OR site_id = @SiteId)", new { secretId, data.SiteId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
            {
                errors[$"credentials.{field}"] = [$"There is no secret {secretId} of this device's site (or global)."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>Whether <paramref name="start"/> is <paramref name="target"/> or has it somewhere up its parent chain.</summary>
    private static async Task<bool> DependsOnAsync(WriteTransaction write, long start, long target, CancellationToken cancellationToken)
    {
        long? current = start;
        for (var depth = 0; current is not null && depth < MaxDependencyDepth; depth++)
        {
            if (current == target)
            {
                return true;
            }

            current = await write.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT parent_id FROM devices WHERE id = @current", new { current }, write.Transaction, cancellationToken: cancellationToken));
        }

        return current is not null;
    }

    private static async Task<Device> LockedCurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var lockClause = write.Connection is Npgsql.NpgsqlConnection ? " FOR UPDATE" : "";
        var row = await write.Connection.QuerySingleOrDefaultAsync<DeviceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM devices WHERE id = @id{lockClause}", new { id }, write.Transaction, cancellationToken: cancellationToken))
            ?? throw DeviceService.NotFound(id);
        return row.Version == expectedVersion
            ? row.ToDevice()
            : throw DomainException.StaleVersion("device", id, row.Version, expectedVersion);
    }

    private static object Parameters(DeviceData data, DateTimeOffset now) => new
    {
        data.SiteId,
        data.Name,
        kind = data.Kind.ToText(),
        data.Vendor,
        data.Model,
        data.Address,
        tags = JsonSerializer.Serialize(data.Tags),
        data.ParentId,
        data.Enabled,
        data.IcmpIntervalSeconds,
        data.SnmpIntervalSeconds,
        credentials = SotpJson.Serialize(data.Credentials),
        searchText = SearchText.Of([data.Name, data.Address, data.Vendor, data.Model, .. data.Tags]),
        nameKey = SearchText.Of(data.Name),
        priorityOverride = data.PriorityOverride?.ToText(),
        now,
    };

    private sealed class DeviceRow
    {
        public long Id { get; init; }
        public long SiteId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Vendor { get; init; }
        public string? Model { get; init; }
        public string Address { get; init; } = "";
        public string Tags { get; init; } = "[]";
        public long? ParentId { get; init; }
        public bool Enabled { get; init; }
        public int IcmpIntervalSeconds { get; init; }
        public int SnmpIntervalSeconds { get; init; }
        public string Credentials { get; init; } = "{}";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public long Version { get; init; }
        public string? PriorityOverride { get; init; }

        public Device ToDevice() => new(Id, SiteId, Name, EnumText.Parse<DeviceKind>(Kind), Vendor, Model, Address,
            JsonSerializer.Deserialize<List<string>>(Tags) ?? [], ParentId, Enabled, IcmpIntervalSeconds, SnmpIntervalSeconds,
            JsonSerializer.Deserialize<DeviceCredentials>(Credentials, SotpJson.Options) ?? DeviceCredentials.None, CreatedAt, UpdatedAt, Version,
            PriorityOverride is null ? null : EnumText.Parse<EventPriority>(PriorityOverride));
    }
}
