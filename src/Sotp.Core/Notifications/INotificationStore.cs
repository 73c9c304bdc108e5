namespace Sotp.Core.Notifications;

/// <summary>Channels, the deliveries owed to them, and the log of every attempt.</summary>
public interface INotificationStore
{
    Task<IReadOnlyList<NotificationChannel>> ListChannelsAsync(CancellationToken cancellationToken);

    Task<NotificationChannel?> GetChannelAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates the channel with history and audit in one transaction.</summary>
    /// <exception cref="Errors.DomainException"><c>conflict</c> when the name is taken.</exception>
    Task<NotificationChannel> CreateChannelAsync(NotificationChannel channel, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c> or <c>conflict</c>.</exception>
    Task<NotificationChannel> UpdateChannelAsync(long id, long expectedVersion, NotificationChannel channel, Caller caller, CancellationToken cancellationToken);

    /// <summary>Deletes the channel and the deliveries still owed to it; the attempt log keeps its name.</summary>
    /// <exception cref="Errors.DomainException"><c>not_found</c> or <c>version_conflict</c>.</exception>
    Task DeleteChannelAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);

    /// <summary>The outbox seq up to which alarm changes have been planned.</summary>
    Task<long> PlannedThroughAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the deliveries (one per channel, alarm and event: planned twice, written once) and moves the planned-through
    /// seq forward, in one transaction, so a crash in between neither loses nor repeats a delivery.
    /// </summary>
    Task PlanAsync(IReadOnlyList<PlannedDelivery> deliveries, long throughSeq, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Channels that were sent (or are owed) a trigger or an escalation for this alarm: only they are told it resolved.</summary>
    Task<IReadOnlyList<long>> TriggeredChannelsAsync(long alarmId, CancellationToken cancellationToken);

    /// <summary>Deliveries PENDING or RETRYING whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<Delivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a due delivery for one attempt by moving its next attempt to <paramref name="leaseUntil"/>: false when another
    /// dispatcher took it first. A dispatcher that dies mid-attempt leaves it to be tried again once the lease passes.
    /// </summary>
    Task<bool> ClaimAsync(Delivery delivery, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Logs the attempt and sets the delivery's status, attempt count and next attempt, in one transaction.</summary>
    Task RecordAttemptAsync(Delivery delivery, NotificationAttempt attempt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>An alarm's delivery log, oldest attempt first.</summary>
    Task<IReadOnlyList<NotificationAttempt>> AttemptsAsync(long alarmId, CancellationToken cancellationToken);
}
