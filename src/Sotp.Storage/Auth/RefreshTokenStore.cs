using Dapper;
using Sotp.Core.Auth;

namespace Sotp.Storage.Auth;

public sealed class RefreshTokenStore(Store store, StoreMetrics metrics) : IRefreshTokenStore
{
    public async Task IssueAsync(string tokenHash, string familyId, long userId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("refresh_tokens.issue");
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at) VALUES (@tokenHash, @familyId, @userId, @issuedAt, @expiresAt)",
            new { tokenHash, familyId, userId, issuedAt, expiresAt }, cancellationToken: cancellationToken));
    }

    public async Task<RefreshTokenRotation> RotateAsync(string tokenHash, string newTokenHash, DateTimeOffset now, DateTimeOffset newExpiresAt, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("refresh_tokens.rotate");
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var token = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            "SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @tokenHash",
            new { tokenHash }, transaction, cancellationToken: cancellationToken));
        if (token is null)
        {
            return new RefreshTokenRotation(RefreshTokenStatus.Unknown);
        }

        if (token.UsedAt is null && token.RevokedAt is not null)
        {
            return new RefreshTokenRotation(RefreshTokenStatus.Revoked, token.UserId, token.FamilyId);
        }

        // Only the first presenter wins the conditional update; a second one, now or later, is a replay.
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET used_at = @now WHERE id = @Id AND used_at IS NULL AND revoked_at IS NULL",
            new { now, token.Id }, transaction, cancellationToken: cancellationToken));
        if (claimed == 0)
        {
            await RevokeFamilyAsync(connection, transaction, token.FamilyId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RefreshTokenRotation(RefreshTokenStatus.Reused, token.UserId, token.FamilyId);
        }

        if (token.ExpiresAt <= now)
        {
            await transaction.CommitAsync(cancellationToken);
            return new RefreshTokenRotation(RefreshTokenStatus.Expired, token.UserId, token.FamilyId);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at) VALUES (@newTokenHash, @FamilyId, @UserId, @now, @newExpiresAt)",
            new { newTokenHash, token.FamilyId, token.UserId, now, newExpiresAt }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new RefreshTokenRotation(RefreshTokenStatus.Rotated, token.UserId, token.FamilyId);
    }

    public async Task<long?> RevokeFamilyAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("refresh_tokens.revoke");
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var token = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            "SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @tokenHash",
            new { tokenHash }, transaction, cancellationToken: cancellationToken));
        if (token is null)
        {
            return null;
        }

        await RevokeFamilyAsync(connection, transaction, token.FamilyId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token.UserId;
    }

    public async Task RevokeAllForUserAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = metrics.Measure("refresh_tokens.revoke_user");
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL", new { userId, now }, cancellationToken: cancellationToken));
    }

    private static Task RevokeFamilyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
            new { now, familyId }, transaction, cancellationToken: cancellationToken));

    private sealed class TokenRow
    {
        public long Id { get; init; }
        public string FamilyId { get; init; } = "";
        public long UserId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }
}
