using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Sotp.Core.Auth;
using Sotp.Core.Secrets;

namespace Sotp.Server.Auth;

/// <summary>
/// The RS256 keys that sign access tokens. The newest key signs; a key is replaced after
/// <see cref="TokenSettings.KeyRotation"/> and its tokens are accepted for <see cref="TokenSettings.KeyOverlap"/>
/// more. Private keys live in the store encrypted by the secret cipher, so every node signs and validates alike.
/// </summary>
public sealed class SigningKeyRing(ISigningKeyStore store, SecretCipher cipher, TimeProvider time, ILogger<SigningKeyRing> logger) : IDisposable
{
    private static readonly TimeSpan ReloadAtMostEvery = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<LoadedKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    /// <summary>The key to sign with now; makes a new one when the newest is due for rotation.</summary>
    public async Task<RsaSecurityKey> CurrentAsync(CancellationToken cancellationToken)
    {
        var newest = _keys.Count > 0 ? _keys[^1] : null;
        if (newest is not null && time.GetUtcNow() - newest.CreatedAt < TokenSettings.KeyRotation)
        {
            return newest.Key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadAsync(cancellationToken);
            newest = _keys.Count > 0 ? _keys[^1] : null;
            if (newest is null || time.GetUtcNow() - newest.CreatedAt >= TokenSettings.KeyRotation)
            {
                await store.AddAsync(Create(out var kid), cancellationToken);
                logger.LogInformation("Created token signing key {Kid}", kid);
                await ReloadAsync(cancellationToken);
                newest = _keys[^1];
            }

            return newest.Key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Keys that may verify a token with this <c>kid</c> (JwtBearer calls this synchronously).</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid)
    {
        var accepted = Accepted();
        if (kid is not null && accepted.All(key => key.Key.KeyId != kid) && time.GetUtcNow() - _loadedAt > ReloadAtMostEvery)
        {
            // Another node may have rotated; look once, then rely on the cache for a while.
            _gate.Wait();
            try
            {
                ReloadAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            finally
            {
                _gate.Release();
            }

            accepted = Accepted();
        }

        return accepted.Where(key => kid is null || key.Key.KeyId == kid).Select(key => (SecurityKey)key.PublicKey);
    }

    /// <summary>Public halves of every accepted key, for /.well-known/jwks.json.</summary>
    public IReadOnlyList<JsonWebKey> PublicJwks() =>
        Accepted().Select(key => JsonWebKeyConverter.ConvertFromRSASecurityKey(key.PublicKey)).ToList();

    private List<LoadedKey> Accepted()
    {
        var keys = _keys;
        var now = time.GetUtcNow();
        // Key i is accepted while it is the newest, or until its successor is older than the overlap.
        return keys.Where((key, i) => i == keys.Count - 1 || now - keys[i + 1].CreatedAt < TokenSettings.KeyOverlap).ToList();
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(cancellationToken);
        var loaded = new List<LoadedKey>();
        foreach (var key in stored)
        {
            try
            {
                loaded.Add(Load(key));
            }
            catch (SecretUnreadableException ex)
            {
                // Restored onto a machine with another master key: skip it (its tokens stop working) and sign with a new one.
                logger.LogError("Token signing key {Kid} cannot be decrypted with the configured master key and is ignored: {Reason}", key.Kid, ex.Message);
            }
        }

        _keys = loaded;
        _loadedAt = time.GetUtcNow();
    }

    private LoadedKey Load(SigningKey stored)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(cipher.Unprotect(stored.ProtectedPrivateKey, Purpose(stored.Kid)), out _);
        var publicRsa = RSA.Create();
        publicRsa.ImportParameters(rsa.ExportParameters(includePrivateParameters: false));
        return new LoadedKey(new RsaSecurityKey(rsa) { KeyId = stored.Kid }, new RsaSecurityKey(publicRsa) { KeyId = stored.Kid }, stored.CreatedAt);
    }

    private SigningKey Create(out string kid)
    {
        using var rsa = RSA.Create(2048);
        // The kid names the key by its public half, so it is the same on every node and in every log.
        kid = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new SigningKey(kid, cipher.Protect(rsa.ExportPkcs8PrivateKey(), Purpose(kid)), time.GetUtcNow());
    }

    public void Dispose() => _gate.Dispose();

    private static string Purpose(string kid) => $"signing_key:{kid}";

    private sealed record LoadedKey(RsaSecurityKey Key, RsaSecurityKey PublicKey, DateTimeOffset CreatedAt);
}
