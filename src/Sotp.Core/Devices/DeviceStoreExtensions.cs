namespace Sotp.Core.Devices;

public static class DeviceStoreExtensions
{
    /// <summary>Every device matching the filter, read a page at a time (collectors building their schedules).</summary>
    public static async Task<List<Device>> ListAllAsync(this IDeviceStore devices, DeviceFilter filter, CancellationToken cancellationToken)
    {
        var found = new List<Device>();
        for (var page = 1; ; page++)
        {
            var batch = await devices.ListAsync(new ListQuery(page, ListQuery.MaxPageSize, Sort: "createdAt"), filter, null, cancellationToken);
            found.AddRange(batch.Items);
            if (batch.Items.Count < ListQuery.MaxPageSize)
            {
                return found;
            }
        }
    }

    /// <summary>Each address of the inventory (its host part, without a port) and the first device that has it.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> AddressIndexAsync(this IDeviceStore devices, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var device in await devices.ListAllAsync(new DeviceFilter(), cancellationToken))
        {
            known.TryAdd(DeviceAddress.HostOf(device.Address), device.Id);
        }

        return known;
    }
}
