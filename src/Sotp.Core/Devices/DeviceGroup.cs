namespace Sotp.Core.Devices;

public sealed record DeviceGroup(long Id, string Name, string? Description, IReadOnlyList<long> DeviceIds, DateTimeOffset CreatedAt, long Version);

public interface IDeviceGroupStore
{
    Task<IReadOnlyList<DeviceGroup>> ListAsync(CancellationToken cancellationToken);

    Task<DeviceGroup?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates the group with its members in one transaction.</summary>
    /// <exception cref="Errors.DomainException"><c>conflict</c> when the name is taken, or a validation error for unknown devices.</exception>
    Task<DeviceGroup> CreateAsync(string name, string? description, IReadOnlyList<long> deviceIds, Caller caller, CancellationToken cancellationToken);

    /// <summary>Replaces name, description and members under the group's version.</summary>
    /// <exception cref="Errors.DomainException"><c>not_found</c>, <c>version_conflict</c>, <c>conflict</c>, or a validation error for unknown devices.</exception>
    Task<DeviceGroup> UpdateAsync(long id, long expectedVersion, string name, string? description, IReadOnlyList<long> deviceIds, Caller caller, CancellationToken cancellationToken);

    Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);
}

/// <summary>What a client sends to create or replace a group.</summary>
public sealed record DeviceGroupInput(string? Name, string? Description = null, IReadOnlyList<long>? DeviceIds = null, long? Version = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            errors["name"] = ["name is required, at most 100 characters."];
        }

        if (Description?.Length > 1000)
        {
            errors["description"] = ["description is at most 1000 characters."];
        }

        if (DeviceIds?.Count > 10_000)
        {
            errors["deviceIds"] = ["at most 10000 devices in a group."];
        }

        return errors;
    }
}
