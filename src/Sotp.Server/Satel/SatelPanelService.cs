using Microsoft.Extensions.Options;
using Sotp.Collectors.Satel;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Panels;
using Sotp.Core.Secrets;

namespace Sotp.Server.Satel;

/// <summary>
/// Runs one <see cref="SatelPanelWorker"/> per enabled device of kind ALARM_PANEL, each on its own task with its own
/// connection, so one slow or dead panel never delays another. Follows the inventory without a restart: a change on
/// this node wakes it at once, and the list is re-read every <see cref="SatelOptions.InventoryRefreshSeconds"/>
/// anyway; a panel whose address or site changed gets a fresh worker. Runs only where an alarm core
/// (<see cref="IEventSink"/>) is registered: watching panels without anyone to tell would lose their alarms.
/// </summary>
public sealed partial class SatelPanelService(
    IDeviceStore devices,
    InventoryChanges changes,
    SatelPanels panels,
    SatelMetrics metrics,
    IOptions<SatelOptions> options,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<SatelPanelService> logger,
    IPanelHistoryStore history,
    SecretVault secrets,
    IPanelZoneStore zones,
    IPanelDescriptionStore descriptions,
    IEventSink? events = null) : BackgroundService
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly Dictionary<long, Running> _running = [];
    private readonly Dictionary<long, string> _reportedProblems = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (events is null || !settings.Enabled)
        {
            LogNotWatching(logger, events is null ? "no alarm core is registered on this node" : "Satel:Enabled=false");
            return;
        }

        panels.Active = true;
        try
        {
            // A store that cannot be read leaves the running workers going on with what they know.
            await changes.FollowAsync(cancellationToken => ReconcileAsync(events, cancellationToken), TimeSpan.FromSeconds(settings.InventoryRefreshSeconds), time,
                ex => LogInventoryUnreadable(logger, ex), stoppingToken);
        }
        finally
        {
            await Task.WhenAll(_running.Keys.ToList().Select(StopAsync));
            panels.Active = false;
        }
    }

    private async Task ReconcileAsync(IEventSink sink, CancellationToken cancellationToken)
    {
        var current = await AlarmPanelsAsync(cancellationToken);
        var overrides = await zones.AllOverridesAsync(cancellationToken);
        foreach (var device in current)
        {
            // A new zone priority restarts the worker too: the first state it reads is its baseline, so nothing is raised twice.
            var priorities = overrides.GetValueOrDefault(device.Id) ?? new Dictionary<int, EventPriority>();
            var fingerprint = $"{device.SiteId}|{device.Address}|{device.Credentials.PanelIntegrationKeySecretId}|"
                + string.Join(",", priorities.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
            if (_running.TryGetValue(device.Id, out var running) && running.Fingerprint == fingerprint)
            {
                continue;
            }

            if (running is not null)
            {
                await StopAsync(device.Id);
            }

            if (!SatelEndpoint.TryParse(device.Address, out var endpoint, out var error))
            {
                panels.NotWatched(device.Id, error!);
                if (!_reportedProblems.TryGetValue(device.Id, out var said) || said != error)
                {
                    _reportedProblems[device.Id] = error!;
                    LogNotWatched(logger, device.Id, error!);
                }

                continue;
            }

            string? integrationKey = null;
            if (device.Credentials.PanelIntegrationKeySecretId is { } keySecret)
            {
                integrationKey = await UsableKeyAsync(device.Id, keySecret, cancellationToken);
                if (integrationKey is null)
                {
                    continue;
                }
            }

            _reportedProblems.Remove(device.Id);
            Start(new SatelPanelIdentity(device.Id, device.SiteId, priorities), endpoint, fingerprint, integrationKey, sink);
        }

        var wanted = current.Select(d => d.Id).ToHashSet();
        foreach (var gone in _running.Keys.Where(id => !wanted.Contains(id)).ToList())
        {
            await StopAsync(gone);
        }

        foreach (var gone in _reportedProblems.Keys.Where(id => !wanted.Contains(id)).ToList())
        {
            _reportedProblems.Remove(gone);
            panels.Remove(gone);
        }
    }

    /// <summary>The panel's integration key, or null (the panel is then not watched, and told why) when it cannot be used.</summary>
    private async Task<string?> UsableKeyAsync(long deviceId, long secretId, CancellationToken cancellationToken)
    {
        string? problem;
        try
        {
            var key = await secrets.UseAsync(secretId, cancellationToken);
            if (SatelCipher.IsValidKey(key))
            {
                return key;
            }

            problem = $"the integration key (secret {secretId}) is not 1..{SatelCipher.MaxKeyLength} printable ASCII characters.";
        }
        catch (DomainException)
        {
            problem = $"the integration key's secret {secretId} does not exist.";
        }

        panels.NotWatched(deviceId, problem);
        if (!_reportedProblems.TryGetValue(deviceId, out var said) || said != problem)
        {
            _reportedProblems[deviceId] = problem;
            LogNotWatched(logger, deviceId, problem);
        }

        return null;
    }

    private void Start(SatelPanelIdentity panel, SatelEndpoint endpoint, string fingerprint, string? integrationKey, IEventSink sink)
    {
        var settings = options.Value;
        var workerOptions = new SatelWorkerOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds),
            UnknownAfter = TimeSpan.FromSeconds(settings.UnknownAfterSeconds),
            Client = new SatelClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMilliseconds), IntegrationKey = integrationKey },
            TimeProvider = time,
            History = history,
            Descriptions = descriptions,
        };
        var worker = new SatelPanelWorker(panel, endpoint, sink, workerOptions, loggers.CreateLogger<SatelPanelWorker>());
        var stop = new CancellationTokenSource();
        // Task.Run: each worker's loop starts on the thread pool, never inside this reconcile pass.
        var task = Task.Run(() => worker.RunAsync(stop.Token), CancellationToken.None);
        _running[panel.DeviceId] = new Running(worker, stop, task, fingerprint);
        panels.Add(worker);
        metrics.WorkerStarted();
        LogWatching(logger, panel.DeviceId, endpoint.ToString());
    }

    private async Task StopAsync(long deviceId)
    {
        if (!_running.Remove(deviceId, out var running))
        {
            return;
        }

        panels.Remove(deviceId);
        await running.Stop.CancelAsync();
        try
        {
            await running.Task.WaitAsync(StopWait);
        }
        catch (TimeoutException)
        {
            LogSlowStop(logger, deviceId);
        }

        running.Stop.Dispose();
    }

    /// <summary>Enabled alarm panels.</summary>
    private Task<List<Device>> AlarmPanelsAsync(CancellationToken cancellationToken) =>
        devices.ListAllAsync(new DeviceFilter(Kind: DeviceKind.AlarmPanel, Enabled: true), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Satel panels are not watched on this node: {Reason}")]
    private static partial void LogNotWatching(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching panel {DeviceId} at {Endpoint}")]
    private static partial void LogWatching(ILogger logger, long deviceId, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId} is not watched: {Problem}")]
    private static partial void LogNotWatched(ILogger logger, long deviceId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId}'s worker did not stop within 5 s; it is left to finish on its own")]
    private static partial void LogSlowStop(ILogger logger, long deviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The panel list cannot be read; the panels watched go on as they were")]
    private static partial void LogInventoryUnreadable(ILogger logger, Exception exception);

    private sealed record Running(SatelPanelWorker Worker, CancellationTokenSource Stop, Task Task, string Fingerprint);
}
