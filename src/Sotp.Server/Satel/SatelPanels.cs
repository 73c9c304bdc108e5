using System.Collections.Concurrent;
using Sotp.Collectors.Satel;

namespace Sotp.Server.Satel;

/// <summary>
/// The panel workers running on this node, by device id: the API reads live state and sends commands through it,
/// the metrics read connection status from it. <see cref="SatelPanelService"/> starts and stops the workers.
/// </summary>
public sealed class SatelPanels
{
    private readonly ConcurrentDictionary<long, SatelPanelWorker> _workers = new();
    private readonly ConcurrentDictionary<long, string> _unwatched = new();

    /// <summary>False when this node watches no panels at all (no alarm core to report to, or Satel:Enabled=false).</summary>
    public bool Active { get; internal set; }

    public IReadOnlyCollection<SatelPanelWorker> Workers => [.. _workers.Values];

    public SatelPanelWorker? Find(long deviceId) => _workers.GetValueOrDefault(deviceId);

    /// <summary>Why an enabled panel has no worker (an address that cannot be used), or null.</summary>
    public string? WhyNotWatched(long deviceId) => _unwatched.GetValueOrDefault(deviceId);

    internal void Add(SatelPanelWorker worker)
    {
        _unwatched.TryRemove(worker.Panel.DeviceId, out _);
        _workers[worker.Panel.DeviceId] = worker;
    }

    internal void Remove(long deviceId)
    {
        _workers.TryRemove(deviceId, out _);
        _unwatched.TryRemove(deviceId, out _);
    }

    internal void NotWatched(long deviceId, string reason)
    {
        _workers.TryRemove(deviceId, out _);
        _unwatched[deviceId] = reason;
    }
}
