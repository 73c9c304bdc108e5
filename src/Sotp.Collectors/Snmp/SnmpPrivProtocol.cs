namespace Sotp.Collectors.Snmp;

/// <summary>
/// USM privacy: DES-CBC (RFC 3414), AES-128-CFB (RFC 3826), and AES-192/256-CFB as net-snmp implements them
/// (draft-blumenthal-aes-usm-04 key extension).
/// </summary>
public enum SnmpPrivProtocol
{
    None,
    Des,
    Aes128,
    Aes192,
    Aes256,
}
