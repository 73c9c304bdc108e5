using Sotp.Core.History;

namespace Sotp.Core.Rules;

/// <summary>Alert rules, changed under their version and kept in the entity history and the audit log like the inventory.</summary>
public interface IAlertRuleStore
{
    Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken);

    Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>conflict</c> when the name is taken, <c>unknown_reference</c> when the scope names nothing.</exception>
    Task<AlertRule> CreateAsync(RuleData data, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, <c>conflict</c>, <c>unknown_reference</c>.</exception>
    Task<AlertRule> UpdateAsync(long id, long expectedVersion, RuleData data, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>.</exception>
    Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken);
}
