using System.Data.Common;
using Dapper;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Errors;

namespace Sotp.Storage.Inventory;

public sealed class DeviceGroupStore(Store store, HistoryWriter history, TimeProvider time) : IDeviceGroupStore
{
    private const string EntityType = "device_group";

    public async Task<IReadOnlyList<DeviceGroup>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, null, cancellationToken);
    }

    public async Task<DeviceGroup?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, null, id, cancellationToken)).SingleOrDefault();
    }

    public async Task<DeviceGroup> CreateAsync(string name, string? description, IReadOnlyList<long> deviceIds, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO device_groups (name, description, created_at) VALUES (@name, @description, @now) RETURNING id",
                new { name, description, now = time.GetUtcNow() }, write.Transaction, cancellationToken: cancellationToken));
            await SetMembersAsync(write, id, deviceIds, cancellationToken);
            var group = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).Single();
            await history.RecordAsync(write, EntityType, id, group.Version, "created", null, group, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return group;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(name);
        }
    }

    public async Task<DeviceGroup> UpdateAsync(long id, long expectedVersion, string name, string? description, IReadOnlyList<long> deviceIds, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE device_groups SET name = @name, description = @description, version = version + 1 WHERE id = @id",
                new { id, name, description }, write.Transaction, cancellationToken: cancellationToken));
            await SetMembersAsync(write, id, deviceIds, cancellationToken);
            var group = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).Single();
            await history.RecordAsync(write, EntityType, id, group.Version, "updated", before, group, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return group;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(name);
        }
    }

    public async Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM device_group_members WHERE group_id = @id; DELETE FROM device_groups WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>Replaces the members; unknown devices are a validation error (and the caller's transaction is not committed).</summary>
    private static async Task SetMembersAsync(WriteTransaction write, long id, IReadOnlyList<long> deviceIds, CancellationToken cancellationToken)
    {
        var wanted = deviceIds.Distinct().ToList();
        var known = new HashSet<long>();
        foreach (var chunk in wanted.Chunk(500))
        {
            var sql = new ListSql().IdIn("id", chunk);
            known.UnionWith(await write.Connection.QueryAsync<long>(new CommandDefinition(
                $"SELECT id FROM devices {sql.WhereClause}", transaction: write.Transaction, cancellationToken: cancellationToken)));
        }

        if (wanted.Where(d => !known.Contains(d)).ToList() is { Count: > 0 } missing)
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed, $"There are no devices {string.Join(", ", missing)}.") { Field = "deviceIds" };
        }

        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM device_group_members WHERE group_id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        foreach (var deviceId in wanted)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO device_group_members (group_id, device_id) VALUES (@id, @deviceId)", new { id, deviceId }, write.Transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task<DeviceGroup> CurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var group = (await ReadAsync(write.Connection, write.Transaction, id, cancellationToken)).SingleOrDefault()
            ?? throw DomainException.NotFound("device group", id);
        return group.Version == expectedVersion
            ? group
            : throw DomainException.StaleVersion("device group", id, group.Version, expectedVersion);
    }

    private static async Task<List<DeviceGroup>> ReadAsync(DbConnection connection, DbTransaction? transaction, long? id, CancellationToken cancellationToken)
    {
        var groups = await connection.QueryAsync<(long Id, string Name, string? Description, DateTimeOffset CreatedAt, long Version)>(new CommandDefinition(
            $"SELECT id, name, description, created_at, version FROM device_groups {(id is null ? "" : "WHERE id = @id")} ORDER BY name, id",
            new { id }, transaction, cancellationToken: cancellationToken));
        var members = (await connection.QueryAsync<(long GroupId, long DeviceId)>(new CommandDefinition(
                $"SELECT group_id, device_id FROM device_group_members {(id is null ? "" : "WHERE group_id = @id")} ORDER BY device_id",
                new { id }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(m => m.GroupId, m => m.DeviceId);
        return groups.Select(g => new DeviceGroup(g.Id, g.Name, g.Description, members[g.Id].ToList(), g.CreatedAt, g.Version)).ToList();
    }

    private static DomainException NameTaken(string name) =>
        new(ErrorKind.Conflict, ErrorCodes.Conflict, $"There is a device group named '{name}' already.") { Field = "name" };
}
