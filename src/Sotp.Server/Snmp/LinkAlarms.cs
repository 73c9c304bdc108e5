using System.Collections.Concurrent;
using Sotp.Core.Alarms;
using Sotp.Core.Events;
using Sotp.Core.Snmp;

namespace Sotp.Server.Snmp;

/// <summary>
/// Resolves a device's open interface alarm when its links come back, from traps and polls alike. Alarms bundle a
/// site's events by category, so one interface alarm may hold several links going down: it is resolved only when
/// every interface with a link_down in it is known to be up again (a link this node has not seen come up counts as
/// still down, so after a restart the operator resolves such an alarm by hand rather than have it vanish wrongly).
/// </summary>
public sealed class LinkAlarms(IAlarmStore alarms, AlarmService service)
{
    private readonly ConcurrentDictionary<(long DeviceId, string Zone), bool> _up = new();

    /// <summary>Takes note of a filed link event; a link_up resolves the alarm its interface was part of, when nothing else in it is down.</summary>
    public async Task FiledAsync(EventInput input, CancellationToken cancellationToken)
    {
        if (input.DeviceId is not { } deviceId || input.Zone is not { } zone || input.Category != SnmpDeviceTracker.InterfaceCategory)
        {
            return;
        }

        if (input.Code == SnmpDeviceTracker.LinkDownCode)
        {
            _up[(deviceId, zone)] = false;
            return;
        }

        if (input.Code != SnmpDeviceTracker.LinkUpCode)
        {
            return;
        }

        _up[(deviceId, zone)] = true;
        if (await alarms.FindOpenForDeviceAsync(deviceId, SnmpDeviceTracker.InterfaceCategory, cancellationToken) is not { } open)
        {
            return;
        }

        var down = (await alarms.EventsAsync(open.Id, cancellationToken))
            .Where(e => e.Code == SnmpDeviceTracker.LinkDownCode && e.DeviceId is not null && e.Zone is not null)
            .Select(e => (e.DeviceId!.Value, e.Zone!)).Distinct().ToList();
        if (down.Count > 0 && down.All(link => _up.GetValueOrDefault(link)))
        {
            await service.ResolveByRestoreAsync(deviceId, SnmpDeviceTracker.InterfaceCategory, $"interface {zone} is up again", cancellationToken);
        }
    }
}
