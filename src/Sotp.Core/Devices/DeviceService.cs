using Sotp.Core.Errors;
using Sotp.Core.History;
using Sotp.Core.Sites;

namespace Sotp.Core.Devices;

/// <summary>The device inventory as callers see it: validation and the same site scope as <see cref="SiteService"/>.</summary>
public sealed class DeviceService(IDeviceStore devices, SiteService sites)
{
    public static readonly IReadOnlyCollection<string> Sortable = ["name", "kind", "address", "createdAt"];

    public async Task<Page<Device>> ListAsync(ListQuery query, long? siteId, string? kind, bool? enabled, string? tag, Caller caller, CancellationToken cancellationToken, long? groupId = null)
    {
        var errors = query.Validate(Sortable);
        DeviceKind? parsedKind = null;
        if (kind is not null)
        {
            if (EnumText.TryParse<DeviceKind>(kind, out var value))
            {
                parsedKind = value;
            }
            else
            {
                errors["kind"] = [$"kind is one of {string.Join(", ", EnumText.Names<DeviceKind>())}."];
            }
        }

        Require.Valid(errors);
        return await devices.ListAsync(query, new DeviceFilter(siteId, parsedKind, enabled, tag, groupId), await sites.ScopeAsync(caller, cancellationToken), cancellationToken);
    }

    public async Task<Device> GetAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(id, cancellationToken);
        return device is not null && await sites.CanSeeAsync(caller, device.SiteId, cancellationToken) ? device : throw NotFound(id);
    }

    public Task<Device> CreateAsync(DeviceInput input, Caller caller, CancellationToken cancellationToken) =>
        devices.CreateAsync(Validated(input), caller, cancellationToken);

    public Task<Device> UpdateAsync(long id, DeviceInput input, long? ifMatchVersion, Caller caller, CancellationToken cancellationToken)
    {
        var data = Validated(input);
        if (data.ParentId == id)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.DependencyCycle, "A device cannot depend on itself.") { Field = "parentId" };
        }

        return devices.UpdateAsync(id, Require.Version(input.Version ?? ifMatchVersion), data, caller, cancellationToken);
    }

    public Task DeleteAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        devices.DeleteAsync(id, Require.Version(version), caller, cancellationToken);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        return await devices.HistoryAsync(id, cancellationToken);
    }

    public static DomainException NotFound(long id) => DomainException.NotFound("device", id);

    private static DeviceData Validated(DeviceInput input)
    {
        var (data, errors) = input.Validate();
        Require.Valid(errors);
        return data!;
    }
}
