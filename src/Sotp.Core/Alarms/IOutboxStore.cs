namespace Sotp.Core.Alarms;

/// <summary>The outbox as the relay and the catch-up of live clients read it.</summary>
public interface IOutboxStore
{
    /// <summary>Messages not yet delivered, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> PendingAsync(int limit, CancellationToken cancellationToken);

    Task MarkSentAsync(long throughSeq, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Messages with seq after <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> AfterAsync(long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The highest delivered seq (0 when none), and how many wait.</summary>
    Task<(long LastSent, long Pending)> PositionAsync(CancellationToken cancellationToken);

    /// <summary>Deletes delivered messages older than <paramref name="before"/>, always keeping the newest.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
