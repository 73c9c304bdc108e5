using Microsoft.Extensions.Logging;
using Sotp.Core.Panels;

namespace Sotp.Collectors.Satel;

/// <summary>
/// What a panel says about itself besides its state: the module's version (0x7C), the panel's type and firmware (the
/// 0x7E answer the worker connects with) and the names of its partitions, zones and outputs (0xEE), held until the
/// store takes them. A worker keeps one for its whole life, so the counters and whatever is not yet saved outlive a
/// connection; names and versions are read again on every connection all the same.
/// </summary>
internal sealed partial class SatelPanelDescriptionReader(SatelPanelIdentity panel, SatelEndpoint endpoint, SatelWorkerOptions options, ILogger logger)
{
    private readonly TimeProvider _time = options.TimeProvider;
    private SatelNameReader? _names;
    private int _badAnswers;
    private int _failures;
    private bool _failing;
    private PanelVersions? _unsavedVersions;
    private (IReadOnlyList<PanelName> Names, DateTimeOffset ReadAt)? _unsavedNames;

    /// <summary>Name answers that made no sense (too short, about another item than asked), over every connection.</summary>
    public int BadAnswers => Volatile.Read(ref _badAnswers);

    /// <summary>Writes of the panel's versions or names that failed; they are tried again after the next poll.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>The module's version, or null when it refuses 0x7C (the panel behind it is watched all the same).</summary>
    public async Task<SatelModuleInfo?> ReadModuleAsync(SatelClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReadModuleAsync(cancellationToken);
        }
        catch (SatelProtocolException ex)
        {
            LogModuleUnread(logger, panel.DeviceId, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Starts a connection's description: the versions wait to be saved, the names to be read. The protocol flags no
    /// change of either, and they change in DLOADX, which needs a release, hence a new connection.
    /// </summary>
    /// <param name="zones">How many zones and outputs this connection can read (128 each unless it asked for 32-byte answers).</param>
    public void Begin(SatelPanelInfo info, SatelModuleInfo? module, int zones, int outputs)
    {
        // No store: the names would be read for nobody (the API shows them from the store).
        _names = options.Descriptions is null ? null : new SatelNameReader(info.PartitionCount, zones, outputs);
        _unsavedVersions = new PanelVersions(panel.DeviceId, info.Type, info.Model, info.Version, info.Language, info.SettingsInFlash,
            module?.Version, module?.Supports256, _time.GetUtcNow());
    }

    /// <summary>One batch of names; once all are asked for, they wait to be saved.</summary>
    /// <param name="stop">True when the worker has something more urgent (a command, a release).</param>
    public async Task ReadNamesAsync(SatelClient client, Func<bool> stop, CancellationToken cancellationToken)
    {
        if (_names is not { Done: false } names)
        {
            return;
        }

        var badBefore = names.BadAnswers;
        await names.ReadAsync(client, options.NamesPerPoll, stop, cancellationToken);
        Interlocked.Add(ref _badAnswers, names.BadAnswers - badBefore);
        if (badBefore == 0 && names.BadAnswers > 0)
        {
            LogBadNameAnswers(logger, panel.DeviceId, endpoint.ToString());
        }

        if (names.Done)
        {
            _unsavedNames = (names.Names, _time.GetUtcNow());
        }
    }

    /// <summary>Writes what was read and not yet written; a failure keeps it for the next poll.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (options.Descriptions is not { } store || (_unsavedVersions is null && _unsavedNames is null))
        {
            return;
        }

        try
        {
            if (_unsavedVersions is { } versions)
            {
                await store.SaveVersionsAsync(versions, cancellationToken);
                _unsavedVersions = null;
            }

            if (_unsavedNames is { } names)
            {
                await store.ReplaceNamesAsync(panel.DeviceId, names.Names, names.ReadAt, cancellationToken);
                _unsavedNames = null;
            }

            _failing = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            if (!_failing)
            {
                LogSaveFailed(logger, ex, panel.DeviceId);
            }

            _failing = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId}: the module refused its version (0x7C): {Problem}")]
    private static partial void LogModuleUnread(ILogger logger, long deviceId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId} at {Endpoint}: a name answer made no sense (too short, or about another item); such names are skipped (said once per connection)")]
    private static partial void LogBadNameAnswers(ILogger logger, long deviceId, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel {DeviceId}: its versions or names cannot be written; tried again after the next poll (said once until a write succeeds)")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, long deviceId);
}
