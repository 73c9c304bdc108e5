namespace Sotp.Core.Monitoring;

/// <summary>
/// Runs a probe per key (device) every interval, with the keys spread evenly across the interval instead of fired
/// at once, so 10,000 devices at 30 s become a steady ~333 probes a second. Keys come and go and change interval
/// while it runs (the inventory changes without a restart). A probe still running when its next turn comes is not
/// started twice; that turn is counted as skipped. Probes are started on a fixed cadence (due + interval), so a slow
/// probe does not make the next one late.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "The semaphore holds no OS handle (AvailableWaitHandle is never used), and probes still finishing after a stop release it.")]
public sealed class PollScheduler(TimeProvider time, int maxInFlight)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Entry> _entries = [];
    private readonly HashSet<long> _running = [];
    private readonly PriorityQueue<(long Key, long Generation), DateTimeOffset> _queue = new();
    private readonly SemaphoreSlim _inFlight = new(maxInFlight, maxInFlight);
    private TaskCompletionSource _wake = NewWake();
    private long _generation;

    /// <summary>How late each probe started relative to its due time (waiting for a free in-flight slot included).</summary>
    public event Action<TimeSpan>? ProbeStarted;

    /// <summary>A turn that was not run because the previous probe of the key had not finished.</summary>
    public event Action<long>? TurnSkipped;

    /// <summary>A probe threw. Probes should handle their own faults; this is the last line, so the loop never dies.</summary>
    public event Action<long, Exception>? ProbeFailed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds a key or changes its interval; a new key's first turn is at its spread offset within the interval.</summary>
    public void Upsert(long key, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.Interval == interval)
            {
                return;
            }

            var generation = ++_generation;
            _entries[key] = new Entry(interval, generation);
            _queue.Enqueue((key, generation), time.GetUtcNow() + Offset(key, interval));
        }

        _wake.TrySetResult();
    }

    public void Remove(long key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>Where in its interval a key's turns fall: a fixed, evenly spread fraction from the key.</summary>
    public static TimeSpan Offset(long key, TimeSpan interval)
    {
        // Fibonacci hashing: consecutive ids land far apart, so devices created together do not poll together.
        var fraction = (ulong)key * 0x9E3779B97F4A7C15UL / (double)ulong.MaxValue;
        return TimeSpan.FromTicks((long)(fraction * interval.Ticks));
    }

    /// <summary>Runs until cancelled. <paramref name="probe"/> gets the key and the time it was due.</summary>
    public async Task RunAsync(Func<long, DateTimeOffset, CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = _wake.Task;
            DateTimeOffset? next = null;
            lock (_lock)
            {
                if (_queue.TryPeek(out _, out var due))
                {
                    next = due;
                }
            }

            // Null, not Timeout.InfiniteTimeSpan, for "nothing queued": that value is -1 ms, and a turn exactly one
            // millisecond late must run now rather than sleep until the next inventory change.
            TimeSpan? wait = next is null ? null : next.Value - time.GetUtcNow();
            if (wait is null || wait > TimeSpan.Zero)
            {
                using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(wait ?? Timeout.InfiniteTimeSpan, time, delay.Token);
                await Task.WhenAny(timer, wake).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
                if (wake.IsCompleted)
                {
                    Interlocked.Exchange(ref _wake, NewWake());
                }

                continue;
            }

            await StartDueAsync(probe, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartDueAsync(Func<long, DateTimeOffset, CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        long key;
        DateTimeOffset due;
        Entry? entry;
        lock (_lock)
        {
            _queue.TryDequeue(out var item, out due);
            key = item.Key;
            // A removed key or one re-added with another interval has a newer queue item (or none): drop this one.
            if (!_entries.TryGetValue(key, out entry) || entry.Generation != item.Generation)
            {
                return;
            }

            var now = time.GetUtcNow();
            var following = due + entry.Interval;
            while (following <= now)
            {
                following += entry.Interval;
            }

            _queue.Enqueue(item, following);
            if (!_running.Add(key))
            {
                entry = null;
            }
        }

        if (entry is null)
        {
            TurnSkipped?.Invoke(key);
            return;
        }

        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        ProbeStarted?.Invoke(time.GetUtcNow() - due);
        _ = RunOneAsync(probe, key, due, cancellationToken);
    }

    private async Task RunOneAsync(Func<long, DateTimeOffset, CancellationToken, Task> probe, long key, DateTimeOffset due, CancellationToken cancellationToken)
    {
        try
        {
            await probe(key, due, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the probe was abandoned on purpose.
        }
        catch (Exception ex)
        {
            ProbeFailed?.Invoke(key, ex);
        }
        finally
        {
            lock (_lock)
            {
                _running.Remove(key);
            }

            _inFlight.Release();
        }
    }


    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Entry(TimeSpan Interval, long Generation);
}
