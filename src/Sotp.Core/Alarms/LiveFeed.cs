using Sotp.Core.Errors;

namespace Sotp.Core.Alarms;

/// <summary>
/// Delivered outbox messages fanned out to live clients. The newest <see cref="RingCapacity"/> stay in memory; a
/// client that reconnects with <c>since</c> gets what it missed from this ring, or from the store within
/// <see cref="StoreReplayWindow"/>, or is told to reload (<see cref="ReplayOverflowException"/>).
/// </summary>
public sealed class LiveFeed(IOutboxStore outbox, AlarmMetrics metrics, TimeProvider time)
{
    public const int RingCapacity = 5_000;
    public static readonly TimeSpan StoreReplayWindow = TimeSpan.FromHours(2);

    /// <summary>A client further behind than this reloads instead of replaying.</summary>
    private const int MaxReplay = LiveSubscription.Capacity / 2;

    private readonly Lock _lock = new();
    private readonly Queue<OutboxMessage> _ring = new();
    private readonly List<LiveSubscription> _subscribers = [];
    private long _lastSeq;

    /// <summary>The highest seq delivered so far.</summary>
    public long LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _lastSeq;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Where delivery resumes after a start: everything up to <paramref name="lastSent"/> is in the store only.</summary>
    public void Resume(long lastSent)
    {
        lock (_lock)
        {
            _lastSeq = Math.Max(_lastSeq, lastSent);
        }
    }

    /// <summary>Called by the relay in seq order; a message seen before (a replay after a crash) is ignored.</summary>
    public void Publish(OutboxMessage message)
    {
        lock (_lock)
        {
            if (message.Seq <= _lastSeq)
            {
                return;
            }

            _ring.Enqueue(message);
            if (_ring.Count > RingCapacity)
            {
                _ring.Dequeue();
            }

            _lastSeq = message.Seq;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(message);
            }
        }
    }

    /// <param name="since">The last seq the client saw; null for "only what comes from now on".</param>
    /// <param name="maySee">Whether the client may see messages of a site (a TECHNICIAN only their assigned sites).</param>
    /// <exception cref="ReplayOverflowException">What the client missed is no longer kept.</exception>
    public async Task<LiveSubscription> SubscribeAsync(long? since, Func<long, bool> maySee, CancellationToken cancellationToken)
    {
        if (since < 0)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["since"] = ["since is a seq the client saw, 0 or more."] });
        }

        var after = since ?? 0; // The cursor of what is read so far; the subscription starts at since.
        var replayed = new List<OutboxMessage>();
        while (true)
        {
            lock (_lock)
            {
                var start = since ?? _lastSeq;
                after = since is null ? _lastSeq : after;
                var fromRing = _ring.Count > 0 && _ring.Peek().Seq <= after + 1;
                if (after >= _lastSeq || fromRing)
                {
                    var subscription = new LiveSubscription(start, maySee, Remove);
                    foreach (var message in replayed.Concat(_ring))
                    {
                        subscription.Offer(message);
                    }

                    _subscribers.Add(subscription);
                    return subscription;
                }
            }

            // Older than the ring: read the gap from the store, then look at the ring again.
            var page = await outbox.AfterAsync(after, 1_000, cancellationToken);
            if (page.Count == 0 || page[0].Seq != after + 1 || (replayed.Count == 0 && page[0].At < time.GetUtcNow() - StoreReplayWindow) || replayed.Count + page.Count > MaxReplay)
            {
                throw Overflow();
            }

            replayed.AddRange(page);
            after = page[^1].Seq;
        }
    }

    private ReplayOverflowException Overflow()
    {
        metrics.ReplayOverflow();
        return new ReplayOverflowException(TimeSpan.FromMilliseconds(Random.Shared.Next(1_000, 10_000)));
    }

    private void Remove(LiveSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }
}
