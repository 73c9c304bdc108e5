namespace Sotp.Core.ApiKeys;

public interface IApiKeyStore
{
    Task<ApiKey> CreateAsync(string name, string prefix, string keyHash, long userId, IReadOnlyList<Auth.Permission> scopes, Caller caller, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <returns>False when there is no such key.</returns>
    Task<bool> RevokeAsync(long id, Caller caller, CancellationToken cancellationToken);

    /// <summary>The active key with this prefix, with its hash and owner, for verification.</summary>
    Task<(ApiKey Key, string KeyHash, string Username)?> FindActiveAsync(string prefix, CancellationToken cancellationToken);

    Task TouchAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken);
}
