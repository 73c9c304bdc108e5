using Sotp.Core.Escalation;
using Sotp.Core.Secrets;

namespace Sotp.Core.Notifications;

/// <summary>
/// Plans deliveries from alarm changes and escalation steps, and makes every due attempt. Retries are rows, not timers: a failed attempt
/// sets the delivery's next attempt (exponential back-off, <see cref="NotificationOptions.RetryDelay"/>) in the store,
/// so a restart neither forgets a retry nor sends twice what succeeded. Cycles run one at a time, so whoever calls
/// <see cref="RunOnceAsync"/> (the background service, a test) sees every attempt due at its time made when it returns.
/// </summary>
public sealed class NotificationDispatcher(
    NotificationPlanner planner,
    Escalator escalator,
    INotificationStore store,
    SecretVault vault,
    IEnumerable<INotificationSender> senders,
    NotificationOptions options,
    NotificationMetrics metrics,
    TimeProvider time) : IDisposable
{
    public const int Batch = 100;

    private readonly SemaphoreSlim _cycle = new(1, 1);

    public void Dispose() => _cycle.Dispose();

    /// <returns>How many attempts were made.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _cycle.WaitAsync(cancellationToken);
        try
        {
            while (await planner.PlanAsync(cancellationToken) == NotificationPlanner.Batch)
            {
            }

            // Escalation steps due now become deliveries before the due deliveries are read, so they go out in this cycle.
            await escalator.RunOnceAsync(cancellationToken);

            var made = 0;
            IReadOnlyList<Delivery> due;
            do
            {
                due = await store.DueAsync(time.GetUtcNow(), Batch, cancellationToken);
                foreach (var delivery in due)
                {
                    made += await AttemptAsync(delivery, cancellationToken) ? 1 : 0;
                }
            }
            while (due.Count == Batch);

            return made;
        }
        finally
        {
            _cycle.Release();
        }
    }

    /// <summary>When the next retry or escalation step is due, to sleep until then rather than poll; null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        var retry = await store.DueAsync(time.GetUtcNow().AddYears(100), 1, cancellationToken) is [var next] ? next.NextAttemptAt : (DateTimeOffset?)null;
        var step = await escalator.NextDueAsync(cancellationToken);
        return retry is null || step < retry ? step : retry;
    }

    /// <summary>Sends once, outside the delivery log: the channel's test button.</summary>
    public async Task<SendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        var result = await TrySendAsync(channel, message, cancellationToken);
        metrics.Attempted(channel.Kind, result.Sent);
        return result;
    }

    private async Task<bool> AttemptAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
        if (!await store.ClaimAsync(delivery, now, now + timeout * 2, cancellationToken))
        {
            return false;
        }

        var channel = await store.GetChannelAsync(delivery.ChannelId, cancellationToken);
        var attempt = delivery.Attempts + 1;
        var result = channel is null
            ? SendResult.Failure(null, "The channel was deleted.")
            : await TrySendAsync(channel, new NotificationMessage(delivery.Alarm, delivery.Event), cancellationToken);
        var final = result.Sent || attempt >= options.MaxAttempts || channel is null;
        var status = result.Sent ? DeliveryStatus.Sent : final ? DeliveryStatus.Failed : DeliveryStatus.Retrying;
        var at = time.GetUtcNow();
        await store.RecordAttemptAsync(delivery, new NotificationAttempt(0, delivery.Alarm.Id, delivery.ChannelId, channel?.Name ?? "", channel?.Kind ?? default,
            delivery.Event, attempt, at, status, result.Response, result.Error), final ? null : at + options.RetryDelay(attempt), cancellationToken);
        if (channel is not null)
        {
            metrics.Attempted(channel.Kind, result.Sent);
        }

        return true;
    }

    private async Task<SendResult> TrySendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        var sender = senders.FirstOrDefault(s => s.Handles(channel.Kind));
        if (sender is null)
        {
            return SendResult.Failure(null, $"No sender handles {channel.Kind.ToText()} channels.");
        }

        string? secret;
        try
        {
            secret = channel.SecretId is { } secretId ? await vault.UseAsync(secretId, cancellationToken) : null;
        }
        catch (Exception ex) when (ex is Errors.DomainException or SecretUnreadableException)
        {
            return SendResult.Failure(null, $"The channel's secret {channel.SecretId} cannot be used: {ex.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
        try
        {
            return await sender.SendAsync(channel, secret, message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failure(null, $"No answer within {options.AttemptTimeoutSeconds} s.");
        }
    }
}
