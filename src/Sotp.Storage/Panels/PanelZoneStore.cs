using Dapper;
using Sotp.Core;
using Sotp.Core.Events;
using Sotp.Core.Panels;

namespace Sotp.Storage.Panels;

public sealed class PanelZoneStore(Store store, StoreMetrics metrics) : IPanelZoneStore
{
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<int, EventPriority>>> AllOverridesAsync(CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("panel_zones.all");
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long DeviceId, int Number, string PriorityOverride)>(new CommandDefinition(
            "SELECT device_id, number, priority_override FROM panel_zones", cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.DeviceId).ToDictionary(
            panel => panel.Key,
            panel => (IReadOnlyDictionary<int, EventPriority>)panel.ToDictionary(r => r.Number, r => EnumText.Parse<EventPriority>(r.PriorityOverride)));
    }

    public async Task<EventPriority?> SetOverrideAsync(long deviceId, int zone, EventPriority? priority, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("panel_zones.set");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var key = new { deviceId, zone };
        var before = await write.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT priority_override FROM panel_zones WHERE device_id = @deviceId AND number = @zone", key, write.Transaction, cancellationToken: cancellationToken));
        await write.Connection.ExecuteAsync(new CommandDefinition(
            priority is { } value
                ? "INSERT INTO panel_zones (device_id, number, priority_override) VALUES (@deviceId, @zone, @priority) " +
                  "ON CONFLICT (device_id, number) DO UPDATE SET priority_override = excluded.priority_override"
                : "DELETE FROM panel_zones WHERE device_id = @deviceId AND number = @zone",
            new { deviceId, zone, priority = priority?.ToText() }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return before is null ? null : EnumText.Parse<EventPriority>(before);
    }
}
