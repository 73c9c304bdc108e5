using System.Collections.Concurrent;

namespace Sotp.Core.Snmp;

/// <summary>The latest SNMP state of every polled device, in memory; the poller writes, the API reads.</summary>
public sealed class SnmpBoard
{
    private readonly ConcurrentDictionary<long, SnmpDeviceView> _views = new();

    public SnmpDeviceView? Get(long deviceId) => _views.GetValueOrDefault(deviceId);

    public void Succeeded(SnmpDeviceView view) => _views[view.DeviceId] = view;

    /// <summary>
    /// Keeps what the last success found (system, interfaces and their states) with the new status and reason, but
    /// drops its measurements (rates, CPU, memory): shown beside a failed poll they would pass for current.
    /// </summary>
    public void Failed(long deviceId, SnmpPollStatus status, string reason, DateTimeOffset at) =>
        _views.AddOrUpdate(deviceId,
            id => SnmpDeviceView.NotPolled(id, reason) with { Status = status, LastPollAt = at },
            (_, old) => old with
            {
                Status = status,
                Reason = reason,
                LastPollAt = at,
                Interfaces = [.. old.Interfaces.Select(i => i with { InBps = null, OutBps = null })],
                CpuPercent = null,
                MemoryUsedPercent = null,
            });

    public void Remove(long deviceId) => _views.TryRemove(deviceId, out _);
}
