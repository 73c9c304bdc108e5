using System.Security.Cryptography;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// Signs and checks whole v3 messages: the HMAC is computed over the message with the authentication parameters
/// zeroed, truncated to the length RFC 3414 and RFC 7860 give each protocol, and written into that field.
/// </summary>
public static class UsmAuthentication
{
    /// <summary>Bytes of the truncated MAC in msgAuthenticationParameters.</summary>
    public static int MacBytes(SnmpAuthProtocol protocol) => protocol switch
    {
        SnmpAuthProtocol.Md5 or SnmpAuthProtocol.Sha1 => 12,
        SnmpAuthProtocol.Sha224 => 16,
        SnmpAuthProtocol.Sha256 => 24,
        SnmpAuthProtocol.Sha384 => 32,
        SnmpAuthProtocol.Sha512 => 48,
        _ => 0,
    };

    /// <summary>Fills the zeroed MAC field at <paramref name="macOffset"/> of an encoded message.</summary>
    public static void Sign(SnmpAuthProtocol protocol, ReadOnlySpan<byte> key, Span<byte> message, int macOffset)
    {
        var length = MacBytes(protocol);
        var field = message.Slice(macOffset, length);
        field.Clear();
        Mac(protocol, key, message).AsSpan(0, length).CopyTo(field);
    }

    /// <summary>True when the MAC at <paramref name="macOffset"/> is right. Leaves the message as it found it.</summary>
    public static bool Verify(SnmpAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, int macOffset, int macLength)
    {
        var length = MacBytes(protocol);
        if (macLength != length || macOffset < 0 || macOffset + length > message.Length)
        {
            return false;
        }

        var copy = message.ToArray();
        copy.AsSpan(macOffset, length).Clear();
        var expected = Mac(protocol, key, copy);
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, length), message.Slice(macOffset, length));
    }

    // MD5, SHA-1 and DES are what the SNMP standards and deployed agents use; we speak them, we do not choose them.
#pragma warning disable CA5350, CA5351
    private static byte[] Mac(SnmpAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message) => protocol switch
    {
        SnmpAuthProtocol.Md5 => HMACMD5.HashData(key, message),
        SnmpAuthProtocol.Sha1 => HMACSHA1.HashData(key, message),
        SnmpAuthProtocol.Sha224 => Sha224.Hmac(key, message),
        SnmpAuthProtocol.Sha256 => HMACSHA256.HashData(key, message),
        SnmpAuthProtocol.Sha384 => HMACSHA384.HashData(key, message),
        SnmpAuthProtocol.Sha512 => HMACSHA512.HashData(key, message),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "No MAC without an authentication protocol."),
    };
#pragma warning restore CA5350, CA5351
}

