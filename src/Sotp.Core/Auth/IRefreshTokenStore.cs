namespace Sotp.Core.Auth;

/// <summary>Refresh tokens by their SHA-256; the tokens themselves are never stored.</summary>
public interface IRefreshTokenStore
{
    Task IssueAsync(string tokenHash, string familyId, long userId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Marks <paramref name="tokenHash"/> used and issues <paramref name="newTokenHash"/> in the same family, in one
    /// transaction. A token presented twice revokes its family (RFC 6819 §5.2.2.3 refresh token rotation).
    /// </summary>
    Task<RefreshTokenRotation> RotateAsync(string tokenHash, string newTokenHash, DateTimeOffset now, DateTimeOffset newExpiresAt, CancellationToken cancellationToken);

    /// <summary>Revokes every login of a user (password changed or reset).</summary>
    Task RevokeAllForUserAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes the family of this token (logout). Returns the user id, or null for an unknown token.</summary>
    Task<long?> RevokeFamilyAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);
}
