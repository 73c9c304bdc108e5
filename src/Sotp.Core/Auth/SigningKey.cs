namespace Sotp.Core.Auth;

/// <param name="ProtectedPrivateKey">The PKCS#8 private key, encrypted by the secret cipher.</param>
public sealed record SigningKey(string Kid, string ProtectedPrivateKey, DateTimeOffset CreatedAt);

public interface ISigningKeyStore
{
    Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(SigningKey key, CancellationToken cancellationToken);
}
