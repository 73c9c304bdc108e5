using System.Threading.Channels;
using Sotp.Core.Devices;
using Sotp.Core.Series;

namespace Sotp.Core.Rules;

/// <summary>
/// Evaluates the enabled alert rules against every point as it is written, and ABSENT rules on a clock tick.
/// Points are queued by <see cref="Observe"/> (the collector's thread) and evaluated by one loop, <see cref="RunAsync"/>,
/// which alone touches the states: no locks. Rule changes take effect at the next <see cref="RulesChanged"/> or
/// periodic reload; a series keeps its state across a new threshold or duration and loses it (with a restore) when
/// the rule goes away, is disabled, or watches another metric or condition.
/// </summary>
public sealed class RuleEngine(IAlertRuleStore store, IDeviceStore devices, IDeviceGroupStore groups, RulePublisher publisher, TimeProvider time)
    : ISeriesObserver
{
    /// <summary>Points waiting for evaluation beyond this are dropped (and counted): a stalled store must not eat the memory.</summary>
    public const int Capacity = 100_000;

    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(5);

    /// <summary>Also reload without a change signal: other nodes' edits, new devices, group membership.</summary>
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<RuleWork> _work = Channel.CreateUnbounded<RuleWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<(long RuleId, long DeviceId, string Labels), RuleSeriesState> _states = [];
    private readonly Dictionary<long, RuleDevice?> _devices = [];
    private RuleSet _set = RuleSet.Empty;
    private volatile HashSet<string>? _metrics;
    private int _queued;
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Raised when a pass over the rules failed (the store could not be read); the loop goes on.</summary>
    public event Action<Exception>? EvaluationFailed;

    public void Observe(SeriesPoint point)
    {
        // Before the first load every point is kept: it may be the start of a PENDING duration.
        if (_metrics is { } metrics && !metrics.Contains(point.Key.Metric))
        {
            return;
        }

        if (Interlocked.Increment(ref _queued) > Capacity)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _work.Writer.TryWrite(new RuleWork(RuleWorkKind.Point, point));
    }

    /// <summary>A rule was created, changed or deleted on this node: reload before the next point.</summary>
    public void RulesChanged()
    {
        // Until the reload has run, every point is kept: a new rule's metric must not be filtered out meanwhile.
        _metrics = null;
        _work.Writer.TryWrite(new RuleWork(RuleWorkKind.Reload, default));
    }

    /// <summary>The state of one series against one rule, for tests and diagnostics (null before its first point).</summary>
    public RuleStatus? StatusOf(long ruleId, SeriesKey key) => _states.TryGetValue((ruleId, key.DeviceId, key.Labels), out var state) ? state.Status : null;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var tick = time.CreateTimer(_ => _work.Writer.TryWrite(new RuleWork(RuleWorkKind.Tick, default)), null, TickInterval, TickInterval);
        using var reload = time.CreateTimer(_ => RulesChanged(), null, ReloadInterval, ReloadInterval);
        RulesChanged();
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await (work.Kind switch
                {
                    RuleWorkKind.Point => ApplyAsync(work.Point, stoppingToken),
                    RuleWorkKind.Tick => TickAsync(stoppingToken),
                    _ => ReloadAsync(stoppingToken),
                });
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                EvaluationFailed?.Invoke(ex);
            }
        }
    }

    private async Task ApplyAsync(SeriesPoint point, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _queued);
        foreach (var rule in _set.ForMetric(point.Key.Metric))
        {
            if (await DeviceAsync(point.Key.DeviceId, cancellationToken) is not { } device || !_set.InScope(rule, device.Id, device.SiteId))
            {
                continue;
            }

            var key = (rule.Id, device.Id, point.Key.Labels);
            if (!_states.TryGetValue(key, out var state))
            {
                // A labelled series replaces the placeholder an ABSENT rule watched before the device's first point.
                if (rule.Condition == RuleCondition.Absent && _states.TryGetValue((rule.Id, device.Id, ""), out var placeholder) && placeholder.LastValue is null)
                {
                    _states.Remove((rule.Id, device.Id, ""));
                }

                _states[key] = state = new RuleSeriesState(point.At);
            }

            var transition = state.Observe(rule, point.Value, point.At);
            await publisher.PublishAsync(rule, device, point.Key.Labels, state, transition, point.At, cancellationToken);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var ((ruleId, deviceId, labels), state) in _states.ToList())
        {
            if (_set.Get(ruleId) is not { Condition: RuleCondition.Absent } rule)
            {
                continue;
            }

            var transition = state.Tick(rule, now);
            if (transition != RuleTransition.None && await DeviceAsync(deviceId, cancellationToken) is { } device)
            {
                await publisher.PublishAsync(rule, device, labels, state, transition, now, cancellationToken);
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var rules = (await store.ListAsync(cancellationToken)).Where(r => r.Enabled).ToList();
        var members = (await groups.ListAsync(cancellationToken)).ToDictionary(g => g.Id, g => g.DeviceIds.ToHashSet());
        var targets = await devices.PollTargetsAsync(cancellationToken);
        var names = (await devices.NameIndexAsync(cancellationToken)).ToDictionary(d => d.Id, d => d.Name);
        var previous = _set;
        _set = new RuleSet(rules, members);
        _metrics = rules.Select(r => r.Metric).ToHashSet(StringComparer.Ordinal);

        // Every enabled device at once (two queries); one added since, or a disabled one still sending, is read when its point comes.
        _devices.Clear();
        foreach (var target in targets)
        {
            _devices[target.DeviceId] = new RuleDevice(target.DeviceId, target.SiteId, names.GetValueOrDefault(target.DeviceId, $"device {target.DeviceId}"));
        }

        await DropStatesOfGoneRulesAsync(previous, cancellationToken);

        // An ABSENT rule watches every enabled device in its scope from now, even one that never sent a point.
        var now = time.GetUtcNow();
        foreach (var rule in rules.Where(r => r.Condition == RuleCondition.Absent))
        {
            foreach (var target in targets.Where(t => _set.InScope(rule, t.DeviceId, t.SiteId)))
            {
                if (!_states.Keys.Any(k => k.RuleId == rule.Id && k.DeviceId == target.DeviceId))
                {
                    _states[(rule.Id, target.DeviceId, "")] = new RuleSeriesState(now);
                }
            }
        }
    }

    /// <summary>
    /// A rule deleted, disabled, narrowed away from a series, or now asking another question (metric or condition): what
    /// it was firing about is restored, then forgotten. A changed threshold or duration keeps the state.
    /// </summary>
    private async Task DropStatesOfGoneRulesAsync(RuleSet previous, CancellationToken cancellationToken)
    {
        foreach (var (key, state) in _states.ToList())
        {
            var rule = _set.Get(key.RuleId);
            var device = await DeviceAsync(key.DeviceId, cancellationToken);
            var old = previous.Get(key.RuleId);
            var sameQuestion = old is null || (old.Metric == rule?.Metric && old.Condition == rule.Condition);
            if (rule is not null && device is not null && sameQuestion && _set.InScope(rule, device.Id, device.SiteId))
            {
                continue;
            }

            _states.Remove(key);
            if (state.Status == RuleStatus.Firing && device is not null && old is not null)
            {
                await publisher.PublishAsync(old, device, key.Labels, state, RuleTransition.Cleared, time.GetUtcNow(), cancellationToken);
            }
        }
    }

    private async Task<RuleDevice?> DeviceAsync(long id, CancellationToken cancellationToken)
    {
        if (!_devices.TryGetValue(id, out var device))
        {
            _devices[id] = device = await devices.GetAsync(id, cancellationToken) is { } found ? new RuleDevice(found.Id, found.SiteId, found.Name) : null;
        }

        return device;
    }
}
