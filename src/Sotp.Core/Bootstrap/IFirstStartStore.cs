namespace Sotp.Core.Bootstrap;

public interface IFirstStartStore
{
    /// <summary>A cheap look before the expensive part (hashing a password) of seeding.</summary>
    Task<bool> HasUsersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the seed in one transaction if, and only if, the store has no users yet.
    /// Returns false when another node or an earlier start got there first.
    /// </summary>
    Task<bool> SeedIfEmptyAsync(FirstStartSeed seed, CancellationToken cancellationToken);
}
