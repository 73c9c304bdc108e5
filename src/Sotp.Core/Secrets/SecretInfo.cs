namespace Sotp.Core.Secrets;

/// <summary>What anyone allowed may know about a secret: everything but the value.</summary>
/// <param name="SiteId">The site it belongs to, for site scoping; null for global secrets.</param>
public sealed record SecretInfo(long Id, string Name, SecretKind Kind, long? SiteId, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, long Version);

/// <summary>A revealed value, to be shown until <see cref="ExpiresAt"/> and then hidden again by the client.</summary>
public sealed record RevealedSecret(long Id, string Name, string Value, DateTimeOffset ExpiresAt);
