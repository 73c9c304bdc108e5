namespace Sotp.Collectors.Snmp;

/// <summary>USM authentication: HMAC-MD5-96 and HMAC-SHA-96 (RFC 3414), the HMAC-SHA-2 family (RFC 7860).</summary>
public enum SnmpAuthProtocol
{
    None,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}
