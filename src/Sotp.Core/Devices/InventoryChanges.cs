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
}
