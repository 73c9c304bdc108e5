using Dapper;
using Sotp.Core;
using Sotp.Core.Panels;

namespace Sotp.Storage.Panels;

public sealed class PanelDescriptionStore(Store store, StoreMetrics metrics) : IPanelDescriptionStore
{
    public async Task SaveVersionsAsync(PanelVersions versions, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("panel_versions.save");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO panel_versions (device_id, panel_type, model, firmware_version, language, settings_in_flash, module_version, module_supports_256, read_at) " +
            "VALUES (@DeviceId, @PanelType, @Model, @FirmwareVersion, @Language, @settingsInFlash, @ModuleVersion, @moduleSupports256, @ReadAt) " +
            "ON CONFLICT (device_id) DO UPDATE SET panel_type = excluded.panel_type, model = excluded.model, firmware_version = excluded.firmware_version, " +
            "language = excluded.language, settings_in_flash = excluded.settings_in_flash, module_version = excluded.module_version, " +
            "module_supports_256 = excluded.module_supports_256, read_at = excluded.read_at",
            new
            {
                versions.DeviceId,
                versions.PanelType,
                versions.Model,
                versions.FirmwareVersion,
                versions.Language,
                settingsInFlash = versions.SettingsInFlash ? 1 : 0,
                versions.ModuleVersion,
                moduleSupports256 = versions.ModuleSupports256 is { } wide ? wide ? 1 : 0 : (int?)null,
                versions.ReadAt,
            },
            write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task ReplaceNamesAsync(long deviceId, IReadOnlyList<PanelName> names, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("panel_names.replace");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM panel_names WHERE device_id = @deviceId", new { deviceId }, write.Transaction, cancellationToken: cancellationToken));
        if (names.Count > 0)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO panel_names (device_id, item, number, name, function_code, partition_number, read_at) " +
                "VALUES (@deviceId, @item, @Number, @Name, @Function, @Partition, @readAt)",
                names.Select(n => new { deviceId, item = n.Item.ToText(), n.Number, n.Name, n.Function, n.Partition, readAt }).ToList(),
                write.Transaction, cancellationToken: cancellationToken));
        }

        await write.CommitAsync(cancellationToken);
    }

    public async Task<PanelDescription> GetAsync(long deviceId, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("panel_description.get");
        await using var connection = await store.OpenAsync(cancellationToken);
        var versions = await connection.QuerySingleOrDefaultAsync<VersionsRow>(new CommandDefinition(
            "SELECT device_id, panel_type, model, firmware_version, language, settings_in_flash, module_version, module_supports_256, read_at " +
            "FROM panel_versions WHERE device_id = @deviceId", new { deviceId }, cancellationToken: cancellationToken));
        var names = (await connection.QueryAsync<NameRow>(new CommandDefinition(
            "SELECT item, number, name, function_code, partition_number, read_at FROM panel_names WHERE device_id = @deviceId ORDER BY item, number",
            new { deviceId }, cancellationToken: cancellationToken))).ToList();
        return new PanelDescription(
            versions is null
                ? null
                : new PanelVersions(versions.DeviceId, versions.PanelType, versions.Model, versions.FirmwareVersion, versions.Language, versions.SettingsInFlash != 0,
                    versions.ModuleVersion, versions.ModuleSupports256 is { } wide ? wide != 0 : null, versions.ReadAt),
            [.. names.Select(n => new PanelName(EnumText.Parse<PanelItem>(n.Item), n.Number, n.Name, n.FunctionCode, n.PartitionNumber))],
            names.Count == 0 ? null : names.Max(n => n.ReadAt));
    }

    private sealed class VersionsRow
    {
        public long DeviceId { get; init; }

        public int PanelType { get; init; }

        public string Model { get; init; } = "";

        public string FirmwareVersion { get; init; } = "";

        public int Language { get; init; }

        public int SettingsInFlash { get; init; }

        public string? ModuleVersion { get; init; }

        public int? ModuleSupports256 { get; init; }

        public DateTimeOffset ReadAt { get; init; }
    }

    private sealed class NameRow
    {
        public string Item { get; init; } = "";

        public int Number { get; init; }

        public string Name { get; init; } = "";

        public int FunctionCode { get; init; }

        public int? PartitionNumber { get; init; }

        public DateTimeOffset ReadAt { get; init; }
    }
}
