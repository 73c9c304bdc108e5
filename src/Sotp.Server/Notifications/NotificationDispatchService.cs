using Sotp.Core.Alarms;
using Sotp.Core.Notifications;

namespace Sotp.Server.Notifications;

/// <summary>
/// Runs the dispatcher in the background. It listens to the live feed only to wake up: what is owed is read from the
/// outbox and the delivery rows, so a wake-up missed (a restart, a slow feed) costs at most one poll, never a delivery.
/// Between alarm changes it sleeps until the next retry is due, or <see cref="NotificationOptions.PollSeconds"/>.
/// </summary>
public sealed partial class NotificationDispatchService(NotificationDispatcher dispatcher, LiveFeed feed, NotificationOptions options, TimeProvider time,
    ILogger<NotificationDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        LiveSubscription? subscription = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    subscription ??= await feed.SubscribeAsync(null, _ => true, stoppingToken);
                    await dispatcher.RunOnceAsync(stoppingToken);
                    if (failing)
                    {
                        failing = false;
                        LogRecovered(logger);
                    }

                    if (!await WaitAsync(subscription, stoppingToken))
                    {
                        subscription.Dispose();
                        subscription = null;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    if (!failing)
                    {
                        failing = true;
                        LogFailed(logger, ex);
                    }

                    await Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            subscription?.Dispose();
        }
    }

    /// <returns>False when the subscription ended (this reader fell behind) and must be renewed.</returns>
    private async Task<bool> WaitAsync(LiveSubscription subscription, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        var wait = await dispatcher.NextDueAsync(stoppingToken) is { } next ? TimeSpan.FromTicks(Math.Clamp((next - time.GetUtcNow()).Ticks, 0, poll.Ticks)) : poll;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var changed = subscription.Reader.WaitToReadAsync(cancel.Token).AsTask();
        var woke = await Task.WhenAny(changed, Task.Delay(wait, time, cancel.Token));
        await cancel.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        if (woke == changed && (changed.IsFaulted || !changed.Result))
        {
            return false; // Completed: cut off as a slow reader (faulted) or disposed.
        }

        while (subscription.Reader.TryRead(out _))
        {
            // Only a wake-up: the dispatcher reads the changes themselves from the outbox.
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification dispatch fails; deliveries wait in the store until it works again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification dispatch works again")]
    private static partial void LogRecovered(ILogger logger);
}
