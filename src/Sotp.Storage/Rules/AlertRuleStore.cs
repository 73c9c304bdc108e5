using System.Data.Common;
using Dapper;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.History;
using Sotp.Core.Rules;
using Sotp.Storage.Inventory;

namespace Sotp.Storage.Rules;

public sealed class AlertRuleStore(Store store, StoreMetrics metrics, HistoryWriter history, TimeProvider time) : IAlertRuleStore
{
    private const string EntityType = "alert_rule";
    private const string Columns = "id, name, enabled, metric, scope, scope_id, condition, threshold, clear_threshold, for_seconds, absence_seconds, " +
        "category, code, priority, message_template, created_at, updated_at, version";

    private const string Assignments = "name = @name, enabled = @enabled, metric = @metric, scope = @scope, scope_id = @scopeId, condition = @condition, " +
        "threshold = @threshold, clear_threshold = @clearThreshold, for_seconds = @forSeconds, absence_seconds = @absenceSeconds, category = @category, " +
        "code = @code, priority = @priority, message_template = @messageTemplate";

    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("rules.list");
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertRuleRow>(new CommandDefinition($"SELECT {Columns} FROM alert_rules ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRule()).ToList();
    }

    public async Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AlertRuleRow>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_rules WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRule();
    }

    public async Task<AlertRule> CreateAsync(RuleData data, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("rules.create");
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            await CheckScopeAsync(write, data, cancellationToken);
            var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO alert_rules (name, enabled, metric, scope, scope_id, condition, threshold, clear_threshold, for_seconds, absence_seconds,
                    category, code, priority, message_template, created_at)
                VALUES (@name, @enabled, @metric, @scope, @scopeId, @condition, @threshold, @clearThreshold, @forSeconds, @absenceSeconds,
                    @category, @code, @priority, @messageTemplate, @now) RETURNING id
                """, Parameters(data, 0), write.Transaction, cancellationToken: cancellationToken));
            var rule = await ReadAsync(write, id, cancellationToken);
            await history.RecordAsync(write, EntityType, id, rule.Version, "created", null, rule, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return rule;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(data.Name);
        }
    }

    public async Task<AlertRule> UpdateAsync(long id, long expectedVersion, RuleData data, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("rules.update");
        try
        {
            await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
            var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
            await CheckScopeAsync(write, data, cancellationToken);
            await write.Connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE alert_rules SET {Assignments}, updated_at = @now, version = version + 1 WHERE id = @id",
                Parameters(data, id), write.Transaction, cancellationToken: cancellationToken));
            var rule = await ReadAsync(write, id, cancellationToken);
            await history.RecordAsync(write, EntityType, id, rule.Version, "updated", before, rule, caller, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return rule;
        }
        catch (DbException ex) when (UniqueViolation.Is(ex))
        {
            throw NameTaken(data.Name);
        }
    }

    public async Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("rules.delete");
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var before = await CurrentAsync(write, id, expectedVersion, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_rules WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken));
        await history.RecordAsync(write, EntityType, id, before.Version + 1, "deleted", before, null, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken) =>
        HistoryWriter.ReadAsync(store, EntityType, id, cancellationToken);

    /// <summary>The scope must name something that exists now; a rule about a deleted site simply never matches later.</summary>
    private static async Task CheckScopeAsync(WriteTransaction write, RuleData data, CancellationToken cancellationToken)
    {
        var (table, what) = data.Scope switch
        {
            RuleScope.Group => ("device_groups", "device group"),
            RuleScope.Site => ("sites", "site"),
            RuleScope.Device => ("devices", "device"),
            _ => (null, null),
        };
        if (table is not null && await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {table} WHERE id = @scopeId", new { scopeId = data.ScopeId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            throw new DomainException(ErrorKind.Unprocessable, ErrorCodes.UnknownReference, $"There is no {what} {data.ScopeId}.") { Field = "scopeId" };
        }
    }

    private static async Task<AlertRule> CurrentAsync(WriteTransaction write, long id, long expectedVersion, CancellationToken cancellationToken)
    {
        var lockClause = write.Connection is Npgsql.NpgsqlConnection ? " FOR UPDATE" : "";
        var row = await write.Connection.QuerySingleOrDefaultAsync<AlertRuleRow>(new CommandDefinition(
                $"SELECT {Columns} FROM alert_rules WHERE id = @id{lockClause}", new { id }, write.Transaction, cancellationToken: cancellationToken))
            ?? throw DomainException.NotFound("rule", id);
        return row.Version == expectedVersion ? row.ToRule() : throw DomainException.StaleVersion("rule", id, row.Version, expectedVersion);
    }

    private static async Task<AlertRule> ReadAsync(WriteTransaction write, long id, CancellationToken cancellationToken) =>
        (await write.Connection.QuerySingleAsync<AlertRuleRow>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_rules WHERE id = @id", new { id }, write.Transaction, cancellationToken: cancellationToken))).ToRule();

    private object Parameters(RuleData data, long id) => new
    {
        id,
        name = data.Name,
        enabled = data.Enabled,
        metric = data.Metric,
        scope = data.Scope.ToText(),
        scopeId = data.ScopeId,
        condition = data.Condition.ToText(),
        threshold = data.Threshold,
        clearThreshold = data.ClearThreshold,
        forSeconds = data.ForSeconds,
        absenceSeconds = data.AbsenceSeconds,
        category = data.Category,
        code = data.Code,
        priority = data.Priority.ToText(),
        messageTemplate = data.MessageTemplate,
        now = time.GetUtcNow(),
    };

    private static DomainException NameTaken(string name) =>
        new(ErrorKind.Conflict, ErrorCodes.Conflict, $"There is a rule named '{name}' already.") { Field = "name" };
}
