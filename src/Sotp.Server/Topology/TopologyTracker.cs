using System.Collections.Concurrent;
using Sotp.Core.Devices;
using Sotp.Core.Snmp;
using Sotp.Core.Topology;

namespace Sotp.Server.Topology;

/// <summary>
/// Keeps the stored LLDP links in step with what each polled device reports: after every poll whose LLDP walk answered the
/// device's neighbours are matched to known devices and, when the set differs from the one stored last, it replaces
/// it (so a link that is no longer reported disappears). Remembers what each device says it is (sysName, chassis id)
/// so its neighbours can recognise it.
/// </summary>
public sealed class TopologyTracker(IDeviceStore devices, ITopologyStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, DeviceIdentity> _identities = new();
    private readonly ConcurrentDictionary<long, string> _stored = new();

    public async Task ReportAsync(long deviceId, SnmpSystem system, SnmpLldp lldp, CancellationToken cancellationToken)
    {
        _identities[deviceId] = new DeviceIdentity(system.Name, lldp.LocalChassisId);
        var links = lldp.Neighbours.Count == 0 ? []
            : TopologyMatcher.Match(deviceId, lldp, await devices.ListAllAsync(new DeviceFilter(), cancellationToken), _identities, time.GetUtcNow());
        var signature = string.Join('\n', links.Select(link => $"{link.LocalPort}\t{link.RemoteDeviceId}\t{link.RemotePort}"));
        // The first report after a start always writes: the store may hold links from before that are gone now.
        if (_stored.TryGetValue(deviceId, out var last) && last == signature)
        {
            return;
        }

        await store.ReplaceAsync(deviceId, links, cancellationToken);
        _stored[deviceId] = signature;
    }

    /// <summary>The device is no longer polled here (deleted, disabled or without SNMP): forget what it said.</summary>
    public void Forget(long deviceId)
    {
        _identities.TryRemove(deviceId, out _);
        _stored.TryRemove(deviceId, out _);
    }
}
