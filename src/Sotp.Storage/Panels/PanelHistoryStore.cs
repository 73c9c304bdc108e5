using Dapper;
using Sotp.Core;
using Sotp.Core.Panels;

namespace Sotp.Storage.Panels;

public sealed class PanelHistoryStore(Store store, StoreMetrics metrics) : IPanelHistoryStore
{
    public async Task AppendAsync(IReadOnlyList<PanelStateChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        using var _ = metrics.Measure("panel_history.append");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO panel_state_history (device_id, at, item, number, from_status, to_status) VALUES (@DeviceId, @At, @item, @Number, @From, @To)",
            changes.Select(c => new { c.DeviceId, c.At, item = c.Item.ToText(), c.Number, c.From, c.To }).ToList(), write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PanelStateChange>> ListAsync(long deviceId, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("panel_history.list");
        await using var connection = await store.OpenAsync(cancellationToken);
        // Bounds only when given: PostgreSQL cannot type a NULL parameter in "@from IS NULL".
        var sql = "SELECT device_id, at, item, number, from_status, to_status FROM panel_state_history WHERE device_id = @deviceId"
            + (from is null ? "" : " AND at >= @from") + (to is null ? "" : " AND at < @to") + " ORDER BY at DESC, id DESC LIMIT @limit";
        var parameters = new DynamicParameters(new { deviceId, limit });
        if (from is { } start)
        {
            parameters.Add("from", start);
        }

        if (to is { } end)
        {
            parameters.Add("to", end);
        }

        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new PanelStateChange(r.DeviceId, r.At, EnumText.Parse<PanelItem>(r.Item), r.Number, r.FromStatus, r.ToStatus))];
    }

    private sealed class Row
    {
        public long DeviceId { get; init; }

        public DateTimeOffset At { get; init; }

        public string Item { get; init; } = "";

        public int Number { get; init; }

        public string FromStatus { get; init; } = "";

        public string ToStatus { get; init; } = "";
    }
}
