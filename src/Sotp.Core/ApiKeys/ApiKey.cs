using Sotp.Core.Auth;

namespace Sotp.Core.ApiKeys;

/// <summary>A programmatic client's key, as listed: never the key itself, only its prefix.</summary>
/// <param name="UserId">The SYSTEM account the key acts as.</param>
/// <param name="Scopes">The permissions the key may use (a subset of what the SYSTEM role holds).</param>
public sealed record ApiKey(long Id, string Name, string Prefix, long UserId, IReadOnlyList<Permission> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Who a presented key authenticates, when it is valid.</summary>
public sealed record ApiKeyIdentity(long KeyId, long UserId, string Username, IReadOnlyList<Permission> Scopes);
