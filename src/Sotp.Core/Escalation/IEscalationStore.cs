using Sotp.Core.Alarms;
using Sotp.Core.History;

namespace Sotp.Core.Escalation;

/// <summary>Escalation policies (versioned, with history and audit) and each alarm's escalation state.</summary>
public interface IEscalationStore
{
    Task<IReadOnlyList<EscalationPolicy>> ListAsync(CancellationToken cancellationToken);

    Task<EscalationPolicy?> GetAsync(long id, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>conflict</c> (name taken) or <c>unknown_reference</c> (site or channel).</exception>
    Task<EscalationPolicy> CreateAsync(EscalationPolicy policy, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, <c>conflict</c> or <c>unknown_reference</c>.</exception>
    Task<EscalationPolicy> UpdateAsync(long id, long expectedVersion, EscalationPolicy policy, Caller caller, CancellationToken cancellationToken);

    /// <summary>Alarms following the policy stop escalating at their next step.</summary>
    Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken);

    /// <summary>NEW alarms that have no escalation state yet (opened since the last look), oldest first.</summary>
    Task<IReadOnlyList<Alarm>> UnstartedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Records the alarm's policy (null: none) and its first firing; an alarm started already is left as it is.</summary>
    Task StartAsync(long alarmId, long? policyId, DateTimeOffset? nextAt, CancellationToken cancellationToken);

    /// <summary>Escalations whose next firing is due, earliest first.</summary>
    Task<IReadOnlyList<AlarmEscalation>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest firing still to come, or null.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads the alarm under the alarm writers' lock, lets <paramref name="decide"/> choose the turn (null: nothing now), and
    /// writes it with its delivery, dispatch-log line and outbox message in one transaction, so an operator's claim and a
    /// firing never cross. Null when nothing was written (also when another node moved the escalation first).
    /// </summary>
    Task<EscalationWrite?> AdvanceAsync(AlarmEscalation escalation, Func<Alarm, EscalationWrite?> decide, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>An alarm's escalation state, or null when it has none yet.</summary>
    Task<AlarmEscalation?> ForAlarmAsync(long alarmId, CancellationToken cancellationToken);
}
