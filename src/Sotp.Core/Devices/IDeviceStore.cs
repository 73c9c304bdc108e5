using Sotp.Core.History;

namespace Sotp.Core.Devices;

public interface IDeviceStore
{
    /// <param name="onlySites">When not null, only devices of these sites exist for the caller.</param>
    Task<Page<Device>> ListAsync(ListQuery query, DeviceFilter filter, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken);

    Task<Device?> GetAsync(long id, CancellationToken cancellationToken);

    /// <exception cref="Errors.ValidationException">The site or the parent does not exist.</exception>
    Task<Device> CreateAsync(DeviceData data, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, or <c>dependency_cycle</c> when the parent depends on this device.</exception>
    Task<Device> UpdateAsync(long id, long expectedVersion, DeviceData data, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, or <c>device_has_children</c>.</exception>
    Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates all in one transaction (all or none); a row's parent may be an earlier row.</summary>
    Task CreateManyAsync(IReadOnlyList<Import.DeviceImportRow> devices, Caller caller, CancellationToken cancellationToken);

    /// <summary>Every enabled device, for the collectors' schedules.</summary>
    Task<IReadOnlyList<PollTarget>> PollTargetsAsync(CancellationToken cancellationToken);

    /// <summary>Every device's id and name, for resolving parents in imports.</summary>
    Task<IReadOnlyList<(long Id, string Name)>> NameIndexAsync(CancellationToken cancellationToken);
}
