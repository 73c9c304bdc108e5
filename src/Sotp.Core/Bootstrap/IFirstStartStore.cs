namespace Sotp.Core.Bootstrap;

public interface IFirstStartStore
{
    /// <summary>
    /// Writes the seed in one transaction if, and only if, the store has no users yet.
    /// Returns false when another node or an earlier start got there first.
    /// </summary>
    Task<bool> SeedIfEmptyAsync(FirstStartSeed seed, CancellationToken cancellationToken);
}
