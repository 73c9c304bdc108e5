using Sotp.Core.Devices;
using Sotp.Core.Sites;

namespace Sotp.Core.Snmp;

/// <summary>A device's SNMP state for the API, limited to the sites the caller may see.</summary>
public sealed class SnmpQueries(SnmpBoard board, IDeviceStore devices, SiteService sites)
{
    /// <exception cref="Errors.DomainException"><c>not_found</c> for a device that does not exist or is outside the caller's sites.</exception>
    public async Task<SnmpDeviceView> GetAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(deviceId, cancellationToken);
        if (device is null || !await sites.CanSeeAsync(caller, device.SiteId, cancellationToken))
        {
            throw DeviceService.NotFound(deviceId);
        }

        return board.Get(deviceId) ?? SnmpDeviceView.NotPolled(deviceId,
            device.Credentials.SnmpVersion is null ? "the device has no SNMP credentials"
            : !device.Enabled ? "the device is disabled"
            : "not polled yet on this node");
    }
}
