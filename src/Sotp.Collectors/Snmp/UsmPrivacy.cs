using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// Encryption of scoped PDUs. DES-CBC (RFC 3414 8.1): key = first 8 bytes of the localized key, IV = the next 8
/// XOR a salt of engine boots and a local counter. AES-CFB-128 (RFC 3826 3.1): key = first 16/24/32 bytes, IV =
/// boots, time and a 64-bit local salt; no padding, the ciphertext is as long as the plaintext.
/// </summary>
public static class UsmPrivacy
{
    /// <summary>Bytes of localized key each protocol consumes.</summary>
    public static int KeyBytes(SnmpPrivProtocol protocol) => protocol switch
    {
        SnmpPrivProtocol.Des or SnmpPrivProtocol.Aes128 => 16,
        SnmpPrivProtocol.Aes192 => 24,
        SnmpPrivProtocol.Aes256 => 32,
        _ => 0,
    };

    /// <summary>Encrypts; returns the ciphertext and the msgPrivacyParameters (the salt) to send with it.</summary>
    public static (byte[] Ciphertext, byte[] PrivacyParameters) Encrypt(
        SnmpPrivProtocol protocol, ReadOnlySpan<byte> key, int engineBoots, int engineTime, ulong salt, ReadOnlySpan<byte> plaintext)
    {
        var parameters = new byte[8];
        if (protocol == SnmpPrivProtocol.Des)
        {
            BinaryPrimitives.WriteInt32BigEndian(parameters, engineBoots);
            BinaryPrimitives.WriteUInt32BigEndian(parameters.AsSpan(4), (uint)salt);
            using var des = CreateDes(key);
            // CBC needs whole blocks; the receiver ignores what follows the scoped PDU's SEQUENCE.
            var padded = new byte[(plaintext.Length + 7) / 8 * 8];
            plaintext.CopyTo(padded);
            return (des.EncryptCbc(padded, DesIv(key, parameters), PaddingMode.None), parameters);
        }

        BinaryPrimitives.WriteUInt64BigEndian(parameters, salt);
        using var aes = CreateAes(protocol, key);
        return (Cfb(aes, AesIv(engineBoots, engineTime, parameters), plaintext, encrypt: true), parameters);
    }

    /// <summary>Decrypts; false when the parameters or the ciphertext cannot be right (a wrong key is not detected here).</summary>
    public static bool TryDecrypt(
        SnmpPrivProtocol protocol, ReadOnlySpan<byte> key, int engineBoots, int engineTime, ReadOnlySpan<byte> privacyParameters,
        ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (privacyParameters.Length != 8 || key.Length < KeyBytes(protocol))
        {
            return false;
        }

        if (protocol == SnmpPrivProtocol.Des)
        {
            if (ciphertext.Length % 8 != 0)
            {
                return false;
            }

            using var des = CreateDes(key);
            plaintext = des.DecryptCbc(ciphertext, DesIv(key, privacyParameters), PaddingMode.None);
            return true;
        }

        using var aes = CreateAes(protocol, key);
        plaintext = Cfb(aes, AesIv(engineBoots, engineTime, privacyParameters), ciphertext, encrypt: false);
        return true;
    }

    // MD5, SHA-1 and DES are what the SNMP standards and deployed agents use; we speak them, we do not choose them.
#pragma warning disable CA5351
    private static DES CreateDes(ReadOnlySpan<byte> key)
    {
        var des = DES.Create();
        des.Key = key[..8].ToArray();
        return des;
    }
#pragma warning restore CA5351

    private static byte[] DesIv(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        var iv = key.Slice(8, 8).ToArray();
        for (var i = 0; i < 8; i++)
        {
            iv[i] ^= salt[i];
        }

        return iv;
    }

    private static Aes CreateAes(SnmpPrivProtocol protocol, ReadOnlySpan<byte> key)
    {
        var aes = Aes.Create();
        aes.Key = key[..KeyBytes(protocol)].ToArray();
        return aes;
    }

    private static byte[] AesIv(int engineBoots, int engineTime, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, engineBoots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), engineTime);
        salt.CopyTo(iv.AsSpan(8));
        return iv;
    }

    /// <summary>
    /// CFB-128 is a stream mode, but .NET's CFB wants whole blocks without padding: the input is padded with
    /// zeros and the output cut back, which leaves the real bytes unchanged.
    /// </summary>
    private static byte[] Cfb(Aes aes, byte[] iv, ReadOnlySpan<byte> input, bool encrypt)
    {
        var padded = new byte[(input.Length + 15) / 16 * 16];
        input.CopyTo(padded);
        var output = encrypt
            ? aes.EncryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128)
            : aes.DecryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128);
        return output.AsSpan(0, input.Length).ToArray();
    }
}
