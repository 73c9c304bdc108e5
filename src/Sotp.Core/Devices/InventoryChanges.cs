namespace Sotp.Core.Devices;

/// <summary>
/// Tells the collectors on this node that devices changed, so a new, edited or deleted device is polled (or
/// no longer) within moments instead of at the next periodic re-read. Many changes in a row wake a waiter once.
/// Other nodes of a cluster learn of changes by their periodic re-read.
/// </summary>
/// <remarks>
/// A waiter reads <see cref="Version"/> before it reads the inventory and waits with it: a change made while it
/// was reading (after the read, before the wait) then wakes it at once instead of being missed until the next
/// periodic re-read.
/// </remarks>
public sealed class InventoryChanges
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>Counts the changes signalled so far.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Signal()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes at once when a change came after <paramref name="seen"/> was read, else at the next <see cref="Signal"/> or when <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // The task before the version: a Signal between the two is seen by one or the other.
        var next = Volatile.Read(ref _next).Task;
        if (Version != seen)
        {
            return;
        }

        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(next, Task.Delay(timeout, time, delay.Token)).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Runs <paramref name="reconcile"/> now, then at every change and at least every <paramref name="refresh"/>, until
    /// cancelled. A reconcile that fails (the store is unreachable) is reported to <paramref name="failed"/> and tried
    /// again after 2, 4, 8 … up to 60 s, while the collector goes on with what it knew.
    /// </summary>
    public async Task FollowAsync(Func<CancellationToken, Task> reconcile, TimeSpan refresh, TimeProvider time, Action<Exception> failed, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var seen = Version;
                await reconcile(cancellationToken).ConfigureAwait(false);
                failures = 0;
                await WaitAsync(seen, refresh, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failed(ex);
                failures++;
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(failures, 6)))), time, cancellationToken)
                    .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
