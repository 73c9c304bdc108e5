using System.Security.Cryptography;
using System.Text;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// USM key derivation (RFC 3414 A.2, RFC 7860 9.3): a password is stretched over 1 MB and hashed (Ku), then bound to
/// one agent by hashing it between copies of the agent's engine id (Kul). Pure and slow by design (about a
/// millisecond per key), so callers cache the results per engine.
/// </summary>
public static class UsmKeys
{
    /// <summary>RFC 3414 fixes the expansion at one megabyte.</summary>
    public const int ExpandedPasswordBytes = 1024 * 1024;

    public static byte[] PasswordToKey(SnmpAuthProtocol protocol, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var bytes = Encoding.UTF8.GetBytes(password);
        var expanded = new byte[ExpandedPasswordBytes];
        for (var offset = 0; offset < expanded.Length; offset += bytes.Length)
        {
            bytes.AsSpan(0, Math.Min(bytes.Length, expanded.Length - offset)).CopyTo(expanded.AsSpan(offset));
        }

        return Hash(protocol, expanded);
    }

    public static byte[] Localize(SnmpAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> engineId)
    {
        var input = new byte[(key.Length * 2) + engineId.Length];
        key.CopyTo(input);
        engineId.CopyTo(input.AsSpan(key.Length));
        key.CopyTo(input.AsSpan(key.Length + engineId.Length));
        return Hash(protocol, input);
    }

    public static byte[] LocalizedAuthKey(SnmpAuthProtocol protocol, string password, ReadOnlySpan<byte> engineId) =>
        Localize(protocol, PasswordToKey(protocol, password), engineId);

    /// <summary>
    /// The privacy key is derived with the authentication hash. AES-192/256 need more bytes than MD5 or SHA-1 give;
    /// net-snmp (5.9, and snmpd as Debian builds it) extends the key as draft-blumenthal-aes-usm-04 says: append the
    /// hash of everything so far until long enough.
    /// </summary>
    public static byte[] LocalizedPrivKey(SnmpAuthProtocol auth, SnmpPrivProtocol privacy, string password, ReadOnlySpan<byte> engineId)
    {
        var key = LocalizedAuthKey(auth, password, engineId);
        var needed = UsmPrivacy.KeyBytes(privacy);
        while (key.Length < needed)
        {
            key = [.. key, .. Hash(auth, key)];
        }

        return key;
    }

    // MD5, SHA-1 and DES are what the SNMP standards and deployed agents use; we speak them, we do not choose them.
#pragma warning disable CA5350, CA5351
    public static byte[] Hash(SnmpAuthProtocol protocol, ReadOnlySpan<byte> data) => protocol switch
    {
        SnmpAuthProtocol.Md5 => MD5.HashData(data),
        SnmpAuthProtocol.Sha1 => SHA1.HashData(data),
        SnmpAuthProtocol.Sha224 => Sha224.Hash(data),
        SnmpAuthProtocol.Sha256 => SHA256.HashData(data),
        SnmpAuthProtocol.Sha384 => SHA384.HashData(data),
        SnmpAuthProtocol.Sha512 => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "No hash without an authentication protocol."),
    };
#pragma warning restore CA5350, CA5351
}

