using Sotp.Core.Devices;
using Sotp.Core.Rules;

namespace Sotp.Server.Rules;

/// <summary>
/// Runs the rule engine for the life of the server, reloads it when the inventory changes on this node (a new
/// device in a rule's site, a group's members), and logs failing passes at most once a minute.
/// </summary>
public sealed partial class RuleEvaluationService(RuleEngine engine, InventoryChanges inventory, TimeProvider time, ILogger<RuleEvaluationService> logger)
    : BackgroundService
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private long _lastLoggedTicks = long.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        engine.EvaluationFailed += OnFailed;
        var watch = WatchInventoryAsync(stoppingToken);
        try
        {
            await engine.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await watch;
    }

    private async Task WatchInventoryAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await inventory.WaitAsync(RuleEngine.ReloadInterval, time, stoppingToken);
                engine.RulesChanged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnFailed(Exception exception)
    {
        // A store outage fails every point; one line a minute says so without flooding the log.
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLoggedTicks);
        if ((last == long.MinValue || now - last >= LogEvery.Ticks) && Interlocked.CompareExchange(ref _lastLoggedTicks, now, last) == last)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert rules could not be evaluated (the store did not answer); the next point or tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
