using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Icmp;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Monitoring;
using Sotp.Core.Series;

namespace Sotp.Server.Monitoring;

/// <summary>
/// Pings every enabled device at its own interval, spread across the interval, and keeps its UP / DOWN / UNKNOWN
/// status on the <see cref="DeviceStatusBoard"/>. Follows the inventory: a change on this node wakes it at once,
/// and the device list is re-read every <see cref="IcmpOptions.InventoryRefreshSeconds"/> anyway. A device whose
/// address cannot be used is logged once (again only when the reason changes), never once per probe; a store
/// that cannot be read leaves the schedules and the in-memory status as they were until it can.
/// </summary>
public sealed partial class IcmpMonitor(
    IDeviceStore devices,
    InventoryChanges changes,
    DeviceStatusBoard board,
    IEchoProbe probe,
    SeriesWriter series,
    IOptions<IcmpOptions> options,
    MonitoringMetrics metrics,
    TimeProvider time,
    ILogger<IcmpMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, PollTarget> _targets = new();
    private readonly ConcurrentDictionary<long, StatusTracker> _trackers = new();
    private readonly ConcurrentDictionary<long, string> _reportedProblems = new();
    private readonly ConcurrentDictionary<string, byte> _nodeProblems = new();
    private AddressResolver? _resolver;

    /// <summary>Replaces DNS (tests).</summary>
    public AddressResolver Resolver
    {
        get => _resolver ??= new AddressResolver(time, TimeSpan.FromSeconds(options.Value.DnsCacheSeconds));
        set => _resolver = value;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var scheduler = new PollScheduler(time, settings.MaxConcurrentProbes);
        scheduler.ProbeStarted += metrics.Late;
        scheduler.TurnSkipped += _ => metrics.Skipped();
        scheduler.ProbeFailed += (deviceId, ex) =>
        {
            metrics.Problem("probe_failed");
            ReportProblemOnce(deviceId, ex.Message, ex);
        };
        var polling = scheduler.RunAsync(ProbeAsync, stoppingToken);
        _ = polling.ContinueWith(failed => LogSchedulerFailed(logger, failed.Exception!), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await changes.FollowAsync(cancellationToken => ReconcileAsync(scheduler, cancellationToken), TimeSpan.FromSeconds(settings.InventoryRefreshSeconds), time,
            ex =>
            {
                // The store is unreachable or failing: keep polling what we know and try again, a little later each time.
                metrics.Problem("store");
                LogInventoryUnreadable(logger, ex);
            }, stoppingToken);
        await polling.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task ReconcileAsync(PollScheduler scheduler, CancellationToken cancellationToken)
    {
        var current = await devices.PollTargetsAsync(cancellationToken);
        var seen = new HashSet<long>(current.Count);
        foreach (var target in current)
        {
            seen.Add(target.DeviceId);
            _targets[target.DeviceId] = target;
            scheduler.Upsert(target.DeviceId, TimeSpan.FromSeconds(target.IcmpIntervalSeconds));
        }

        foreach (var gone in _targets.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            scheduler.Remove(gone);
            _targets.TryRemove(gone, out _);
            _reportedProblems.TryRemove(gone, out _);
            var change = _trackers.TryRemove(gone, out var tracker) ? tracker.Forget(time.GetUtcNow(), "no longer polled (disabled or deleted)") : null;
            board.Remove(gone, change);
            series.Forget(gone);
            CountChange(change);
        }
    }

    private async Task ProbeAsync(long deviceId, DateTimeOffset due, CancellationToken cancellationToken)
    {
        if (!_targets.TryGetValue(deviceId, out var target))
        {
            return;
        }

        System.Net.IPAddress address;
        try
        {
            address = await Resolver.ResolveAsync(target.Address, cancellationToken);
        }
        catch (AddressResolutionException ex)
        {
            // Not the device's fault that we cannot find it: UNKNOWN, not DOWN, and said once.
            metrics.Problem("unresolvable");
            ReportProblemOnce(deviceId, ex.Message, null);
            board.Report(new DeviceState(deviceId, DeviceStatus.Unknown, null, time.GetUtcNow(), null, null, ex.Message), Forget(deviceId, ex.Message));
            return;
        }

        var settings = options.Value;
        EchoResult result;
        try
        {
            result = await probe.ProbeAsync(new EchoRequest(address, settings.EchoCount,
                TimeSpan.FromMilliseconds(settings.EchoIntervalMilliseconds), TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds)), cancellationToken);
        }
        catch (Exception ex) when (ex is IcmpPermissionException or NotSupportedException)
        {
            // This node cannot ping at all (no permission, no IPv6): UNKNOWN, not DOWN, and said once for the node.
            metrics.Problem("no_icmp_socket");
            if (_nodeProblems.TryAdd(ex.Message, 0))
            {
                LogCannotPing(logger, ex.Message);
            }

            board.Report(new DeviceState(deviceId, DeviceStatus.Unknown, null, time.GetUtcNow(), null, null, ex.Message), Forget(deviceId, ex.Message));
            return;
        }

        if (!_targets.ContainsKey(deviceId))
        {
            return; // Deleted while the probe was in flight: its answer no longer matters.
        }

        _reportedProblems.TryRemove(deviceId, out _);
        var now = time.GetUtcNow();
        var tracker = _trackers.GetOrAdd(deviceId, id => new StatusTracker(id, settings.FailuresBeforeDown));
        StatusChange? change;
        lock (tracker)
        {
            change = tracker.Record(new ProbeVerdict(result.Answered, now, result.Describe()));
        }

        metrics.Probed(result.Answered);
        WritePoints(deviceId, now, result, tracker.Status);
        board.Report(new DeviceState(deviceId, tracker.Status, null, now, result.RttAvgMs, result.LossPercent, result.Describe()), change);
        CountChange(change);
    }

    /// <summary>RTT (when answered), loss and status (1 UP, 0 DOWN) of every probe: charts, availability and rules read these.</summary>
    private void WritePoints(long deviceId, DateTimeOffset at, EchoResult result, DeviceStatus status)
    {
        if (result.RttAvgMs is { } rtt)
        {
            series.Write(new SeriesPoint(new SeriesKey(deviceId, SeriesNames.RttMs), at, rtt));
        }

        series.Write(new SeriesPoint(new SeriesKey(deviceId, SeriesNames.LossPercent), at, result.LossPercent));
        if (status != DeviceStatus.Unknown)
        {
            series.Write(new SeriesPoint(new SeriesKey(deviceId, SeriesNames.Status), at, status == DeviceStatus.Up ? 1 : 0));
        }
    }

    private StatusChange? Forget(long deviceId, string reason)
    {
        if (!_trackers.TryGetValue(deviceId, out var tracker))
        {
            return null;
        }

        StatusChange? change;
        lock (tracker)
        {
            change = tracker.Forget(time.GetUtcNow(), reason);
        }

        CountChange(change);
        return change;
    }

    private void CountChange(StatusChange? change)
    {
        if (change is not null)
        {
            metrics.StatusChanged(change.To.ToText());
        }
    }

    private void ReportProblemOnce(long deviceId, string problem, Exception? exception)
    {
        if (_reportedProblems.TryGetValue(deviceId, out var previous) && previous == problem)
        {
            return;
        }

        _reportedProblems[deviceId] = problem;
        LogDeviceProblem(logger, exception, deviceId, problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ICMP monitoring is off (Icmp:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} cannot be pinged: {Problem}")]
    private static partial void LogDeviceProblem(ILogger logger, Exception? exception, long deviceId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem} Devices stay UNKNOWN until this is fixed.")]
    private static partial void LogCannotPing(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "ICMP polling stopped: the scheduler failed")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The device list cannot be read; polling continues with the last one known")]
    private static partial void LogInventoryUnreadable(ILogger logger, Exception exception);

    /// <summary>The series names this monitor writes.</summary>
    public static class SeriesNames
    {
        public const string RttMs = "icmp.rtt_ms";
        public const string LossPercent = "icmp.loss_pct";
        public const string Status = "icmp.status";
    }
}
