using Sotp.Core.Errors;
using Sotp.Core.History;

namespace Sotp.Core.Rules;

/// <summary>Alert rules as the API and the console change them: validated, stored with history and audit, applied at once.</summary>
public sealed class RuleService(IAlertRuleStore store, RuleEngine engine)
{
    public Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<AlertRule> GetAsync(long id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw DomainException.NotFound("rule", id);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken) =>
        await store.HistoryAsync(id, cancellationToken) is { Count: > 0 } history ? history : throw DomainException.NotFound("rule", id);

    public async Task<AlertRule> CreateAsync(RuleInput input, Caller caller, CancellationToken cancellationToken)
    {
        var rule = await store.CreateAsync(Valid(input), caller, cancellationToken);
        engine.RulesChanged();
        return rule;
    }

    public async Task<AlertRule> UpdateAsync(long id, RuleInput input, long? version, Caller caller, CancellationToken cancellationToken)
    {
        var rule = await store.UpdateAsync(id, Require.Version(version), Valid(input), caller, cancellationToken);
        engine.RulesChanged();
        return rule;
    }

    public async Task DeleteAsync(long id, long? version, Caller caller, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(id, Require.Version(version), caller, cancellationToken);
        engine.RulesChanged();
    }

    private static RuleData Valid(RuleInput input)
    {
        var (data, errors) = input.Validate();
        Require.Valid(errors);
        return data!;
    }
}
