using Sotp.Core.Errors;
using Sotp.Core.History;

namespace Sotp.Core.Escalation;

/// <summary>Escalation policies as the API and the console change them: validated, then stored with history and audit.</summary>
public sealed class EscalationPolicyService(IEscalationStore store)
{
    public Task<IReadOnlyList<EscalationPolicy>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<EscalationPolicy> GetAsync(long id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw NotFound(id);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken) =>
        await store.HistoryAsync(id, cancellationToken) is { Count: > 0 } history ? history : throw NotFound(id);

    public Task<EscalationPolicy> CreateAsync(EscalationPolicyInput input, Caller caller, CancellationToken cancellationToken) =>
        store.CreateAsync(Valid(input), caller, cancellationToken);

    /// <summary>Alarms following the policy take the new steps from their next one.</summary>
    public Task<EscalationPolicy> UpdateAsync(long id, EscalationPolicyInput input, long? version, Caller caller, CancellationToken cancellationToken) =>
        store.UpdateAsync(id, Require.Version(version), Valid(input), caller, cancellationToken);

    public Task DeleteAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        store.DeleteAsync(id, Require.Version(version), caller, cancellationToken);

    private static EscalationPolicy Valid(EscalationPolicyInput input)
    {
        var (policy, errors) = input.Validate();
        Require.Valid(errors);
        return policy!;
    }

    private static DomainException NotFound(long id) => DomainException.NotFound("escalation policy", id);
}
