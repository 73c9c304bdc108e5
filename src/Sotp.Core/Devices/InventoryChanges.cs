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
                await reconcile(cancellationToken).ConfigureAwait(false);
                failures = 0;
                await WaitAsync(refresh, time, cancellationToken).ConfigureAwait(false);
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
