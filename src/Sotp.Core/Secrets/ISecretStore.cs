namespace Sotp.Core.Secrets;

/// <summary>Secrets encrypted at rest. The store only ever sees protected values; <see cref="SecretVault"/> encrypts.</summary>
public interface ISecretStore
{
    Task<IReadOnlyList<SecretInfo>> ListAsync(long? siteId, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken);

    Task<(SecretInfo Info, string ProtectedValue)?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates the secret, writing its id into the protection purpose via <paramref name="protect"/>, with history and audit in one transaction.</summary>
    Task<SecretInfo> CreateAsync(string name, SecretKind kind, long? siteId, Func<long, string> protect, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c> or <c>version_conflict</c>.</exception>
    Task<SecretInfo> UpdateValueAsync(long id, long expectedVersion, string protectedValue, Caller caller, CancellationToken cancellationToken);

    /// <exception cref="Errors.DomainException"><c>not_found</c> or <c>version_conflict</c>.</exception>
    Task DeleteAsync(long id, long expectedVersion, Caller caller, CancellationToken cancellationToken);

    /// <summary>How many secrets this user revealed since <paramref name="since"/> (counted from the audit log, so across nodes).</summary>
    Task<int> RevealsSinceAsync(long userId, DateTimeOffset since, CancellationToken cancellationToken);
}
