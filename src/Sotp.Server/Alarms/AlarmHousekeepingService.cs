using Sotp.Core.Alarms;

namespace Sotp.Server.Alarms;

/// <summary>Runs the claim reaper and auto-close every <see cref="AlarmOptions.HousekeepingSeconds"/>.</summary>
public sealed partial class AlarmHousekeepingService(AlarmService alarms, AlarmOptions options, TimeProvider time, ILogger<AlarmHousekeepingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await alarms.RunHousekeepingAsync(stoppingToken);
                failing = false;
                await Task.Delay(TimeSpan.FromSeconds(options.HousekeepingSeconds), time, stoppingToken);
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

                await Task.Delay(TimeSpan.FromSeconds(options.HousekeepingSeconds), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm housekeeping (claim reaper, auto-close) failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
