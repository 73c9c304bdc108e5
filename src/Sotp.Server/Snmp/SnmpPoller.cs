using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Monitoring;
using Sotp.Core.Series;
using Sotp.Core.Snmp;
using Sotp.Server.Monitoring;
using Sotp.Server.Topology;

namespace Sotp.Server.Snmp;

/// <summary>
/// Polls every enabled device with SNMP credentials at its own interval (spread across the interval, a bounded
/// number at once): system group, interfaces, CPU and memory become series, reboots and link changes become events,
/// and the outcome (OK, TIMEOUT, AUTH_ERROR, ERROR with the reason) is kept on the <see cref="SnmpBoard"/>. Follows
/// the inventory like the ICMP monitor: a change on this node wakes it at once, the list is re-read every
/// <see cref="SnmpOptions.InventoryRefreshSeconds"/> anyway, and a store that cannot be read leaves the schedules as
/// they were. A failed poll writes nothing: no answer is no point, never a zero.
/// </summary>
public sealed partial class SnmpPoller(
    IDeviceStore devices,
    InventoryChanges changes,
    SnmpBoard board,
    SnmpCredentialResolver credentials,
    SeriesWriter series,
    IOptions<SnmpOptions> options,
    SnmpMetrics metrics,
    TimeProvider time,
    ILogger<SnmpPoller> logger,
    IEventSink? events = null,
    LinkAlarms? links = null,
    TopologyTracker? topology = null) : BackgroundService
{
    private readonly ConcurrentDictionary<long, Device> _targets = new();
    private readonly ConcurrentDictionary<long, (long Version, SnmpCredentials Credentials)> _credentials = new();
    private readonly ConcurrentDictionary<long, SnmpDeviceTracker> _trackers = new();
    private readonly ConcurrentDictionary<long, string> _reportedProblems = new();
    private AddressResolver? _resolver;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        _resolver = new AddressResolver(time, TimeSpan.FromSeconds(settings.DnsCacheSeconds));
        // The transport measures real time on purpose: USM's time window is the agent's clock, not ours.
        using var client = new SnmpClient();
        var reader = new SnmpDeviceReader(client);
        var scheduler = new PollScheduler(time, settings.MaxConcurrentPolls);
        scheduler.ProbeStarted += metrics.Late;
        scheduler.TurnSkipped += _ => metrics.Skipped();
        scheduler.ProbeFailed += (deviceId, ex) =>
        {
            metrics.Problem("poll_failed");
            ReportProblemOnce(deviceId, ex.Message);
        };
        var polling = scheduler.RunAsync((deviceId, _, cancellationToken) => PollAsync(reader, deviceId, cancellationToken), stoppingToken);
        _ = polling.ContinueWith(failed => LogSchedulerFailed(logger, failed.Exception!), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await changes.FollowAsync(cancellationToken => ReconcileAsync(scheduler, cancellationToken), TimeSpan.FromSeconds(settings.InventoryRefreshSeconds), time,
            ex =>
            {
                // The store is unreachable or failing: keep polling what we know.
                metrics.Problem("store");
                LogInventoryUnreadable(logger, ex);
            }, stoppingToken);
        await polling.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task ReconcileAsync(PollScheduler scheduler, CancellationToken cancellationToken)
    {
        var current = (await devices.ListAllAsync(new DeviceFilter(Enabled: true), cancellationToken))
            .Where(device => device.Credentials.SnmpVersion is not null).ToList();
        foreach (var device in current)
        {
            if (_targets.TryGetValue(device.Id, out var known) && known.Address != device.Address)
            {
                _trackers.TryRemove(device.Id, out _); // Another agent now: its counters are not the old one's.
            }

            _targets[device.Id] = device;
            scheduler.Upsert(device.Id, TimeSpan.FromSeconds(device.SnmpIntervalSeconds));
        }

        var wanted = current.Select(device => device.Id).ToHashSet();
        foreach (var gone in _targets.Keys.Where(id => !wanted.Contains(id)).ToList())
        {
            scheduler.Remove(gone);
            _targets.TryRemove(gone, out _);
            _credentials.TryRemove(gone, out _);
            _trackers.TryRemove(gone, out _);
            _reportedProblems.TryRemove(gone, out _);
            board.Remove(gone);
            topology?.Forget(gone);
        }
    }

    private async Task PollAsync(SnmpDeviceReader reader, long deviceId, CancellationToken cancellationToken)
    {
        if (!_targets.TryGetValue(deviceId, out var device))
        {
            return;
        }

        SnmpReading reading;
        try
        {
            var target = await TargetAsync(device, cancellationToken);
            reading = await reader.ReadAsync(target, cancellationToken);
        }
        catch (Exception ex) when (Classify(ex, device.Credentials.SnmpVersion == Sotp.Core.Devices.SnmpVersion.V3) is { } failure)
        {
            Fail(deviceId, failure.Status, failure.Reason);
            return;
        }

        if (!_targets.ContainsKey(deviceId))
        {
            return; // Deleted or disabled while the poll was in flight.
        }

        var tracker = _trackers.GetOrAdd(deviceId, id => new SnmpDeviceTracker(id));
        var update = tracker.Apply(reading, time.GetUtcNow());
        foreach (var point in update.Points)
        {
            series.Write(point);
        }

        board.Succeeded(update.View);
        metrics.Polled(update.View.Status);
        if (update.View.Reason is { } partial)
        {
            ReportProblemOnce(deviceId, partial);
        }
        else
        {
            _reportedProblems.TryRemove(deviceId, out _);
        }

        await FileAsync(update.Events, cancellationToken);
        await ReportTopologyAsync(deviceId, reading, cancellationToken);
    }

    private async Task ReportTopologyAsync(long deviceId, SnmpReading reading, CancellationToken cancellationToken)
    {
        if (topology is null || reading.Lldp is not { } lldp)
        {
            return; // A failed LLDP walk (the poll is PARTIAL) keeps the stored links: no answer is not a link gone.
        }

        try
        {
            await topology.ReportAsync(deviceId, reading.System, lldp, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll itself succeeded and is stored; the links are written again at the next poll.
            metrics.Problem("topology");
            LogTopologyNotStored(logger, ex, deviceId);
        }
    }

    private async Task<SnmpTarget> TargetAsync(Device device, CancellationToken cancellationToken)
    {
        var address = await _resolver!.ResolveAsync(device.Address, cancellationToken);
        if (!_credentials.TryGetValue(device.Id, out var cached) || cached.Version != device.Version)
        {
            cached = (device.Version, await credentials.ResolveAsync(device.Credentials, cancellationToken));
            _credentials[device.Id] = cached;
        }

        var settings = options.Value;
        return new SnmpTarget(new IPEndPoint(address, settings.Port), cached.Credentials)
        {
            Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds),
            Retries = settings.Retries,
            MaxRepetitions = settings.MaxRepetitions,
        };
    }

    /// <summary>
    /// A failed poll as a status and a reason for the operator; null only when stopping. Even a fault of ours (a bug
    /// meeting an odd agent) is shown on the device as ERROR rather than leaving it silently NOT_POLLED.
    /// </summary>
    private static (SnmpPollStatus Status, string Reason)? Classify(Exception ex, bool v3) => ex switch
    {
        SnmpTimeoutException when v3 => (SnmpPollStatus.Timeout, ex.Message),
        SnmpTimeoutException => (SnmpPollStatus.Timeout,
            $"{ex.Message} For SNMP v1/v2c a wrong community looks the same: agents drop such requests without a word."),
        SnmpUsmException => (SnmpPollStatus.AuthError, ex.Message),
        SnmpException or AddressResolutionException or SnmpCredentialsException => (SnmpPollStatus.Error, ex.Message),
        OperationCanceledException => null,
        _ => (SnmpPollStatus.Error, $"the poll failed unexpectedly: {ex.GetType().Name}: {ex.Message}"),
    };

    private void Fail(long deviceId, SnmpPollStatus status, string reason)
    {
        if (status is SnmpPollStatus.AuthError or SnmpPollStatus.Timeout)
        {
            // A secret may have been replaced since it was read: read it again next time.
            _credentials.TryRemove(deviceId, out _);
        }

        if (_targets.ContainsKey(deviceId))
        {
            board.Failed(deviceId, status, reason, time.GetUtcNow());
        }

        metrics.Polled(status);
        ReportProblemOnce(deviceId, reason);
    }

    private async Task FileAsync(IReadOnlyList<EventInput> found, CancellationToken cancellationToken)
    {
        if (events is null)
        {
            return;
        }

        foreach (var input in found)
        {
            try
            {
                await events.PublishAsync(input, cancellationToken);
                if (links is not null)
                {
                    await links.FiledAsync(input, cancellationToken);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The alarm core's own store is down: the series are written, the event is lost and said so.
                metrics.Problem("event_sink");
                LogEventLost(logger, ex, input.DeviceId ?? 0, input.Code);
            }
        }
    }

    private void ReportProblemOnce(long deviceId, string problem)
    {
        if (_reportedProblems.TryGetValue(deviceId, out var previous) && previous == problem)
        {
            return;
        }

        _reportedProblems[deviceId] = problem;
        LogDeviceProblem(logger, deviceId, problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SNMP polling is off (Snmp:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} cannot be polled with SNMP: {Problem}")]
    private static partial void LogDeviceProblem(ILogger logger, long deviceId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Code} of device {DeviceId} could not be handed to the alarm core")]
    private static partial void LogEventLost(ILogger logger, Exception exception, long deviceId, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "The LLDP links of device {DeviceId} could not be stored")]
    private static partial void LogTopologyNotStored(ILogger logger, Exception exception, long deviceId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SNMP polling stopped: the scheduler failed")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The device list cannot be read; SNMP polling continues with the last one known")]
    private static partial void LogInventoryUnreadable(ILogger logger, Exception exception);
}
