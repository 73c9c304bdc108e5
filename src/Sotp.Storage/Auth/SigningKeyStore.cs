using Dapper;
using Sotp.Core.Auth;

namespace Sotp.Storage.Auth;

public sealed class SigningKeyStore(Store store) : ISigningKeyStore
{
    public async Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            "SELECT kid, private_key, created_at FROM signing_keys ORDER BY created_at", cancellationToken: cancellationToken));
        return rows.Select(row => new SigningKey(row.Kid, row.PrivateKey, row.CreatedAt)).ToList();
    }

    public async Task AddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO signing_keys (kid, private_key, created_at) VALUES (@Kid, @ProtectedPrivateKey, @CreatedAt)", key, cancellationToken: cancellationToken));
    }

    private sealed class KeyRow
    {
        public string Kid { get; init; } = "";
        public string PrivateKey { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
