namespace Sotp.Core.Devices;

/// <summary>
/// Tells the collectors on this node that devices changed, so a new, edited or deleted device is polled (or
/// no longer) within moments instead of at the next periodic re-read. Many changes in a row wake a waiter once.
/// Other nodes of a cluster learn of changes by their periodic re-read.
/// </summary>
public sealed class InventoryChanges
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Signal() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Signal"/> after this call, or when <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Volatile.Read(ref _next).Task, Task.Delay(timeout, time, delay.Token)).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
