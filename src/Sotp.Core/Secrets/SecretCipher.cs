using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sotp.Core.Secrets;

/// <summary>
/// AES-256-GCM for secrets at rest. A protected value reads <c>sv1.{keyId}.{base64url(nonce|ciphertext|tag)}</c>:
/// the key id (first 8 hex digits of the key's SHA-256) says which master key it needs, so a rotation can
/// find values still under the old key. The <c>purpose</c> is authenticated data: a value copied from one
/// row or column to another does not decrypt there.
/// </summary>
public sealed class SecretCipher
{
    private const string Prefix = "sv1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    public SecretCipher(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The master key must be 32 bytes (AES-256).", nameof(key));
        }

        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
    }

    public string KeyId { get; }

    public string Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(purpose));
        return $"{Prefix}.{KeyId}.{Base64Url.EncodeToString(output)}";
    }

    public string Protect(string plaintext, string purpose) => Protect(Encoding.UTF8.GetBytes(plaintext), purpose);

    /// <exception cref="SecretUnreadableException">Malformed, from another key, another purpose, or tampered with.</exception>
    public byte[] Unprotect(string protectedValue, string purpose)
    {
        var parts = protectedValue.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix)
        {
            throw new SecretUnreadableException("The value is not a protected secret.");
        }

        if (parts[1] != KeyId)
        {
            throw new SecretUnreadableException($"The value is protected by master key {parts[1]}, not by the configured key {KeyId}.");
        }

        byte[] data;
        try
        {
            data = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            throw new SecretUnreadableException("The value is not a protected secret.");
        }

        if (data.Length < NonceBytes + TagBytes)
        {
            throw new SecretUnreadableException("The value is truncated.");
        }

        var plaintext = new byte[data.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(data.AsSpan(0, NonceBytes), data.AsSpan(NonceBytes, plaintext.Length), data.AsSpan(NonceBytes + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnreadableException("The value fails authentication: tampered with, or protected for another purpose.");
        }

        return plaintext;
    }

    public string UnprotectString(string protectedValue, string purpose) => Encoding.UTF8.GetString(Unprotect(protectedValue, purpose));
}
