using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Sites;

namespace Sotp.Core.Monitoring;

/// <summary>Current device status for the API and the console, from memory, limited to the sites the caller may see.</summary>
public sealed class DeviceStatusQueries(DeviceStatusBoard board, IDeviceStore devices, SiteService sites)
{
    public const int MaxItems = 1000;

    /// <summary>Counts by status over the caller's enabled devices, and the states of those in <paramref name="status"/> (UP, DOWN, UNKNOWN; all when null).</summary>
    public async Task<StatusOverview> OverviewAsync(string? status, int limit, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DeviceStatus? wanted = null;
        if (status is not null)
        {
            if (EnumText.TryParse<DeviceStatus>(status, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = [$"status is one of {string.Join(", ", EnumText.Names<DeviceStatus>())}."];
            }
        }

        if (limit is < 1 or > MaxItems)
        {
            errors["limit"] = [$"limit is 1..{MaxItems}."];
        }

        Require.Valid(errors);

        var scope = await sites.ScopeAsync(caller, cancellationToken);
        var visible = (await devices.PollTargetsAsync(cancellationToken))
            .Where(target => scope is null || scope.Contains(target.SiteId))
            .Select(target => board.Get(target.DeviceId))
            .ToList();
        var counts = visible.GroupBy(state => state.Status).ToDictionary(group => group.Key, group => group.Count());
        var items = visible.Where(state => wanted is null || state.Status == wanted).Take(limit).ToList();
        return new StatusOverview(counts.GetValueOrDefault(DeviceStatus.Up), counts.GetValueOrDefault(DeviceStatus.Down),
            counts.GetValueOrDefault(DeviceStatus.Unknown), items);
    }

    /// <exception cref="Errors.DomainException"><c>not_found</c> for a device that does not exist or is outside the caller's sites.</exception>
    public async Task<DeviceState> GetAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(deviceId, cancellationToken);
        return device is not null && await sites.CanSeeAsync(caller, device.SiteId, cancellationToken)
            ? board.Get(deviceId)
            : throw DeviceService.NotFound(deviceId);
    }
}
