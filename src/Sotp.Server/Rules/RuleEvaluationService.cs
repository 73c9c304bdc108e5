using System.Diagnostics.Metrics;
using Sotp.Core.Devices;
using Sotp.Core.Rules;

namespace Sotp.Server.Rules;

/// <summary>
/// Runs the rule engine for the life of the server, reloads it when the inventory changes on this node (a new
/// device in a rule's site, a group's members), and logs failing passes at most once a minute.
/// </summary>
public sealed partial class RuleEvaluationService : BackgroundService
{
    public const string MeterName = "Sotp.Rules";

    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly RuleEngine _engine;
    private readonly InventoryChanges _inventory;
    private readonly TimeProvider _time;
    private readonly ILogger<RuleEvaluationService> _logger;
    private long _lastLoggedTicks = long.MinValue;

    public RuleEvaluationService(RuleEngine engine, RulePublisher publisher, InventoryChanges inventory, TimeProvider time, IMeterFactory meters,
        ILogger<RuleEvaluationService> logger)
    {
        _engine = engine;
        _inventory = inventory;
        _time = time;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("sotp.rules.fired", () => publisher.Fired, description: "Rule firings filed as alarm events.");
        meter.CreateObservableCounter("sotp.rules.cleared", () => publisher.Cleared, description: "Rule clearings filed as restores.");
        meter.CreateObservableCounter("sotp.rules.points.dropped", () => engine.Dropped,
            description: "Points not evaluated because the evaluation queue was full (the store was slow to take events).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _engine.EvaluationFailed += OnFailed;
        var watch = WatchInventoryAsync(stoppingToken);
        try
        {
            await _engine.RunAsync(stoppingToken);
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
            var seen = _inventory.Version;
            while (!stoppingToken.IsCancellationRequested)
            {
                // No timeout of its own: the engine reloads every ReloadInterval anyway.
                await _inventory.WaitAsync(seen, Timeout.InfiniteTimeSpan, _time, stoppingToken);
                seen = _inventory.Version;
                _engine.RulesChanged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnFailed(Exception exception)
    {
        // A store outage fails every point; one line a minute says so without flooding the log.
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLoggedTicks);
        if ((last == long.MinValue || now - last >= LogEvery.Ticks) && Interlocked.CompareExchange(ref _lastLoggedTicks, now, last) == last)
        {
            LogFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert rules could not be evaluated (the store did not answer); the next point or tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
