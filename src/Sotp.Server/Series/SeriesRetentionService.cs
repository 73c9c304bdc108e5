using Sotp.Core.Series;

namespace Sotp.Server.Series;

/// <summary>
/// Deletes points past their resolution's retention (Series:RawDays, FiveMinuteDays, HourDays), in batches of
/// <see cref="Batch"/> with a pause between them, so a big first clean-up never holds the write lock for long.
/// </summary>
public sealed partial class SeriesRetentionService(ISeriesStore store, SeriesRetention retention, TimeProvider time, ILogger<SeriesRetentionService> logger)
    : BackgroundService
{
    public const int Batch = 5000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken); // Let start-up finish first.
                await RunOnceAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMinutes(retention.RetentionIntervalMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    /// <returns>Points deleted, all resolutions together.</returns>
    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var resolution in Enum.GetValues<SeriesResolution>())
        {
            var before = time.GetUtcNow() - retention.For(resolution);
            int deleted;
            do
            {
                deleted = await store.DeleteOlderAsync(resolution, before, Batch, cancellationToken);
                total += deleted;
                if (deleted == Batch)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
                }
            }
            while (deleted == Batch);
        }

        if (total > 0)
        {
            LogDeleted(logger, total);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Count} time-series points")]
    private static partial void LogDeleted(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Time-series retention failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
