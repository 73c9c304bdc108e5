using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sotp.Core.Events;
using Sotp.Core.Panels;

namespace Sotp.Collectors.Satel;

/// <summary>
/// Watches one panel through the only connection its ETHM-1 allows: polls 0x7F about once a second, reads what the
/// flags say changed, keeps the live state (<see cref="Snapshot"/>) and hands what changed to the alarm core as
/// events. A failed or broken connection is retried after 1, 2, 4, 8, 16, then every 30 s; "Busy!" after 5 s. Every
/// panel has its own worker and its own loop, so a slow or dead panel delays nobody else.
/// </summary>
public sealed partial class SatelPanelWorker
{
    private const byte OutputsCommand = 0x17;
    private const byte FirstTroubleCommand = 0x1B;
    private const byte LastTroubleCommand = 0x1F;
    private const int NarrowSetItems = 128;

    /// <summary>Timeline lines kept while the store refuses them; beyond this the oldest go (counted), never the live state.</summary>
    private const int MaxUnrecordedLines = 10_000;

    private readonly IEventSink _events;
    private readonly SatelWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SatelEventTranslator _translator;
    private readonly List<EventInput> _unpublished = [];
    private readonly SatelTimeline _timeline;
    private readonly List<PanelStateChange> _unrecorded = [];
    private readonly SatelPanelDescriptionReader _description;
    private SatelPanelSnapshot _published;
    private SatelClient? _client;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _largeSets;
    private int _corruptFramesOfClosedConnections;
    private int _busyRefusals;
    private int _connectAttempts;
    private int _connects;
    private int _eventsPublished;
    private int _publishFailures;
    private int _historyFailures;
    private int _historyLinesDropped;

    public SatelPanelWorker(SatelPanelIdentity panel, SatelEndpoint endpoint, IEventSink events, SatelWorkerOptions? options = null, ILogger? logger = null)
    {
        Panel = panel;
        Endpoint = endpoint;
        _events = events;
        _options = options ?? new SatelWorkerOptions();
        _time = _options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        _translator = new SatelEventTranslator(panel);
        _timeline = new SatelTimeline(panel.DeviceId);
        _published = SatelPanelSnapshot.Empty(panel.DeviceId);
        _description = new SatelPanelDescriptionReader(panel, endpoint, _options, _logger);
    }

    public SatelPanelIdentity Panel { get; }

    public SatelEndpoint Endpoint { get; }

    public SatelConnectionStatus Status => Volatile.Read(ref _published).Connection;

    /// <summary>
    /// Frames that arrived mangled (bad CRC, bad stuffing) over every connection so far, and name answers that made no
    /// sense (too short, about another item than asked).
    /// </summary>
    public int CorruptFrames => Volatile.Read(ref _corruptFramesOfClosedConnections) + (Volatile.Read(ref _client)?.CorruptFrames ?? 0) + _description.BadAnswers;

    /// <summary>Writes of the panel's versions or names that failed; they are tried again after the next poll.</summary>
    public int DescriptionFailures => _description.Failures;

    public int BusyRefusals => Volatile.Read(ref _busyRefusals);

    public int ConnectAttempts => Volatile.Read(ref _connectAttempts);

    /// <summary>Connections on which the panel answered its type, i.e. the module let us in.</summary>
    public int Connects => Volatile.Read(ref _connects);

    public int EventsPublished => Volatile.Read(ref _eventsPublished);

    /// <summary>Hand-overs to the alarm core that failed; the events wait and are handed over again after the next poll.</summary>
    public int PublishFailures => Volatile.Read(ref _publishFailures);

    /// <summary>Writes of the timeline that failed; the lines wait for the next poll.</summary>
    public int HistoryFailures => Volatile.Read(ref _historyFailures);

    /// <summary>Timeline lines given up because the store refused them for too long.</summary>
    public int HistoryLinesDropped => Volatile.Read(ref _historyLinesDropped);

    /// <summary>
    /// The live state. Partitions and zones read Unknown once the panel has not answered for
    /// <see cref="SatelWorkerOptions.UnknownAfter"/>, whatever the connection is doing.
    /// </summary>
    public SatelPanelSnapshot Snapshot()
    {
        var snapshot = Volatile.Read(ref _published);
        return snapshot.LastAnswerAt is { } answered && _time.GetUtcNow() - answered <= _options.UnknownAfter ? snapshot : snapshot.AsUnknown();
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never throws for anything the panel or the network does.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new SatelBackoff(_options.Backoff);
        var failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (ReleasedUntil is { } until)
            {
                SetConnection(SatelConnectionStatus.Released, $"released for DLOAD until {until:u}", until - _time.GetUtcNow());
                ExpireWaitingCommands("the panel is released for DLOAD; the command was not sent");
                if (!await WaitAsync(until - _time.GetUtcNow(), cancellationToken))
                {
                    break;
                }

                continue;
            }

            TimeSpan wait;
            try
            {
                wait = await ServeConnectionAsync(backoff, cancellationToken);
                failing = false;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (SatelBusyException ex)
            {
                Interlocked.Increment(ref _busyRefusals);
                wait = _options.BusyRetryDelay;
                SetConnection(SatelConnectionStatus.Busy, ex.Message, wait);
                if (!failing)
                {
                    LogBusy(_logger, Panel.DeviceId, Endpoint.ToString());
                }

                failing = true;
            }
            catch (Exception ex)
            {
                // Network, protocol and our own errors alike: one bad panel must never stop its worker.
                wait = backoff.Next();
                SetConnection(SatelConnectionStatus.Disconnected, ex.Message, wait);
                if (!failing)
                {
                    LogConnectionFailed(_logger, ex is IOException or SocketException or TimeoutException or SatelProtocolException ? null : ex,
                        Panel.DeviceId, Endpoint.ToString(), ex.Message, wait.TotalSeconds);
                }

                failing = true;
            }

            if (!await WaitAsync(wait, cancellationToken))
            {
                break;
            }
        }

        SetConnection(SatelConnectionStatus.Stopped, null);
        ExpireWaitingCommands("the panel is no longer watched; the command was not sent");
    }

    /// <summary>One connection from open to close. Returns how long to wait before the next one when it ended on purpose.</summary>
    private async Task<TimeSpan> ServeConnectionAsync(SatelBackoff backoff, CancellationToken cancellationToken)
    {
        SetConnection(SatelConnectionStatus.Connecting, null);
        Interlocked.Increment(ref _connectAttempts);
        var clientOptions = new SatelClientOptions
        {
            ConnectTimeout = _options.Client.ConnectTimeout,
            RequestTimeout = _options.Client.RequestTimeout,
            CodePrefix = _options.Client.CodePrefix,
            IntegrationKey = _options.Client.IntegrationKey,
            LargeSets = _largeSets,
            TimeProvider = _options.Client.TimeProvider,
        };
        var client = await SatelClient.ConnectAsync(Endpoint.Host, Endpoint.Port, clientOptions, cancellationToken);
        Volatile.Write(ref _client, client);
        try
        {
            var panel = await client.ReadPanelAsync(cancellationToken);
            Interlocked.Increment(ref _connects);
            var module = await _description.ReadModuleAsync(client, cancellationToken);
            if (panel.ZoneCount > NarrowSetItems && !_largeSets && module?.Supports256 == true)
            {
                // Zones above 128 come only in 32-byte answers, asked for on a connection opened for them.
                _largeSets = true;
                return TimeSpan.Zero;
            }

            var zones = _largeSets ? panel.ZoneCount : Math.Min(panel.ZoneCount, NarrowSetItems);
            var polling = new PollingState(new SatelPanelState(Enumerable.Range(1, panel.PartitionCount), Enumerable.Range(1, zones)), panel.Model);
            _description.Begin(panel, module, zones, _largeSets ? panel.OutputCount : Math.Min(panel.OutputCount, NarrowSetItems));
            while (ReleasedUntil is null)
            {
                await RunCommandsAsync(client, cancellationToken);
                await PollAsync(client, polling, cancellationToken);
                if (Status != SatelConnectionStatus.Connected)
                {
                    LogConnected(_logger, Panel.DeviceId, Endpoint.ToString(), panel.Model);
                }

                backoff.Reset();
                SetConnection(SatelConnectionStatus.Connected, null);
                await _description.ReadNamesAsync(client, () => MustPause, cancellationToken);
                await _description.SaveAsync(cancellationToken);
                await WaitForNextPollAsync(cancellationToken);
            }

            // Released: closing the connection is the point.
            return TimeSpan.Zero;
        }
        finally
        {
            Volatile.Write(ref _client, null);
            Interlocked.Add(ref _corruptFramesOfClosedConnections, client.CorruptFrames);
            await client.DisposeAsync();
        }
    }

    /// <summary>One polling step: the flags, the reads they ask for, the new live state, and the events for what changed.</summary>
    private async Task PollAsync(SatelClient client, PollingState polling, CancellationToken cancellationToken)
    {
        var flagged = await client.ReadNewDataAsync(cancellationToken);
        await client.ReadChangedAsync(polling.State, flagged, cancellationToken);
        if (polling.Outputs is null || flagged.Contains(OutputsCommand))
        {
            polling.Outputs = await client.ReadOutputsAsync(cancellationToken);
        }

        if (polling.Troubles is null || flagged.Any(c => c is >= FirstTroubleCommand and <= LastTroubleCommand))
        {
            polling.Troubles = (await client.ReadTroublesAsync(cancellationToken)).List;
        }

        var now = _time.GetUtcNow();
        var partitions = polling.State.Partitions;
        var zones = polling.State.Zones;
        Volatile.Write(ref _published, Volatile.Read(ref _published) with
        {
            Model = polling.Model,
            Partitions = partitions,
            Zones = zones,
            Outputs = polling.Outputs,
            Troubles = polling.Troubles,
            LastAnswerAt = now,
        });
        _unpublished.AddRange(_translator.Translate(partitions, zones, polling.Troubles, now));
        await PublishEventsAsync(cancellationToken);
        await RecordHistoryAsync(_timeline.Record(partitions, zones, now), cancellationToken);
    }

    /// <summary>
    /// Appends what changed to the panel's timeline, after the events: an alarm must never wait for its history line.
    /// A failed write keeps the lines for the next poll, and logs once per run of failures.
    /// </summary>
    private async Task RecordHistoryAsync(IReadOnlyList<PanelStateChange> lines, CancellationToken cancellationToken)
    {
        if (_options.History is not { } history)
        {
            return;
        }

        _unrecorded.AddRange(lines);
        if (_unrecorded.Count > MaxUnrecordedLines)
        {
            var dropped = _unrecorded.Count - MaxUnrecordedLines;
            _unrecorded.RemoveRange(0, dropped);
            Interlocked.Add(ref _historyLinesDropped, dropped);
        }

        if (_unrecorded.Count == 0)
        {
            return;
        }

        try
        {
            await history.AppendAsync(_unrecorded, cancellationToken);
            _unrecorded.Clear();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _historyFailures);
            if (_unrecorded.Count == lines.Count)
            {
                // Nothing was waiting before this poll: the first failure of a run.
                LogHistoryFailed(_logger, ex, Panel.DeviceId, _unrecorded.Count);
            }
        }
    }

    /// <summary>Hands the waiting events to the alarm core in order; a failure keeps the rest for the next poll.</summary>
    private async Task PublishEventsAsync(CancellationToken cancellationToken)
    {
        while (_unpublished.Count > 0)
        {
            try
            {
                await _events.PublishAsync(_unpublished[0], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _publishFailures);
                LogPublishFailed(_logger, ex, Panel.DeviceId, _unpublished.Count);
                return;
            }

            _unpublished.RemoveAt(0);
            Interlocked.Increment(ref _eventsPublished);
        }
    }

    private async Task WaitForNextPollAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wake = Volatile.Read(ref _wake).Task;
        if (MustPause)
        {
            // A command or a release came after the loop last looked: the wake-up it sent may have gone to the old signal.
            return;
        }

        await Task.WhenAny(Task.Delay(_options.PollInterval, _time, stop.Token), wake);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Ends the current wait for the next poll at once (a command is waiting, a release was asked).</summary>
    private void Wake() => Interlocked.Exchange(ref _wake, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until <paramref name="wait"/> after the failure was recorded; false when cancelled meanwhile.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        // Measured from the moment RetryAt was published, so the live state tells the truth about the next attempt.
        var remaining = (Volatile.Read(ref _published).RetryAt ?? _time.GetUtcNow()) - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero || remaining <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(remaining, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void SetConnection(SatelConnectionStatus status, string? problem, TimeSpan? retryIn = null) =>
        Volatile.Write(ref _published, Volatile.Read(ref _published) with
        {
            Connection = status,
            Problem = problem,
            RetryAt = retryIn is { } wait ? _time.GetUtcNow() + wait : null,
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Panel {DeviceId} at {Endpoint} connected ({Model})")]
    private static partial void LogConnected(ILogger logger, long deviceId, string endpoint, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId} at {Endpoint}: {Problem}; retrying in {WaitSeconds} s (said once until it answers again)")]
    private static partial void LogConnectionFailed(ILogger logger, Exception? exception, long deviceId, string endpoint, string problem, double waitSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Panel {DeviceId} at {Endpoint} is busy: another client holds its integration connection")]
    private static partial void LogBusy(ILogger logger, long deviceId, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Panel {DeviceId}: the alarm core did not take an event; {Waiting} wait for the next poll")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long deviceId, int waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId}: its timeline cannot be written; {Waiting} lines wait for the next poll (said once until a write succeeds)")]
    private static partial void LogHistoryFailed(ILogger logger, Exception exception, long deviceId, int waiting);

    /// <summary>What one connection has read so far.</summary>
    private sealed class PollingState(SatelPanelState state, string model)
    {
        public SatelPanelState State { get; } = state;

        public string Model { get; } = model;

        public IReadOnlySet<int>? Outputs { get; set; }

        public IReadOnlyList<SatelTrouble>? Troubles { get; set; }
    }
}
