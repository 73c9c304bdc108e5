using Sotp.Core.Alarms;

namespace Sotp.Server.Alarms;

/// <summary>
/// Delivers outbox rows to the live feed in seq order and marks them sent. Woken by every commit
/// (<see cref="OutboxSignal"/>), and polls once a second for rows written by another node or before a crash:
/// a message is published before it is marked, so a crash in between repeats it (clients skip seqs they saw), never loses it.
/// </summary>
public sealed partial class OutboxRelay(IOutboxStore outbox, LiveFeed feed, OutboxSignal signal, AlarmMetrics metrics, TimeProvider time, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    public const int Batch = 500;
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        var nextPurge = time.GetUtcNow() + PurgeEvery;
        var resumed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!resumed)
                {
                    feed.Resume((await outbox.PositionAsync(stoppingToken)).LastSent);
                    resumed = true;
                }

                var delivered = await RelayOnceAsync(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogRecovered(logger);
                }

                if (time.GetUtcNow() >= nextPurge)
                {
                    nextPurge = time.GetUtcNow() + PurgeEvery;
                    await outbox.PurgeAsync(time.GetUtcNow() - LiveFeed.StoreReplayWindow, stoppingToken);
                }

                if (delivered < Batch)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
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

                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <returns>How many messages were delivered.</returns>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        var pending = await outbox.PendingAsync(Batch, cancellationToken);
        foreach (var message in pending)
        {
            feed.Publish(message);
        }

        if (pending.Count > 0)
        {
            await outbox.MarkSentAsync(pending[^1].Seq, time.GetUtcNow(), cancellationToken);
        }

        metrics.OutboxPending((await outbox.PositionAsync(cancellationToken)).Pending);
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox relay cannot read the store; live clients wait until it can (retrying every second)")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox relay reads the store again")]
    private static partial void LogRecovered(ILogger logger);
}
