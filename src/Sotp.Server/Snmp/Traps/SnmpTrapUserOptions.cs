using Sotp.Core.Devices;

namespace Sotp.Server.Snmp.Traps;

/// <summary>
/// One <c>Snmp:TrapUsers</c> entry: an SNMPv3 user whose traps and informs are accepted from any enabled device
/// (besides each v3 device's own polling user). Keys are secrets of the vault, named by id; the protocols are
/// spelled as in device credentials (SHA, SHA256, AES, AES256, …).
/// </summary>
public sealed class SnmpTrapUserOptions
{
    public string UserName { get; set; } = "";

    public SnmpAuthProtocol? AuthProtocol { get; set; }

    public long? AuthSecretId { get; set; }

    public SnmpPrivProtocol? PrivProtocol { get; set; }

    public long? PrivSecretId { get; set; }

    /// <summary>The sending engine's id in hex, for traps (the sender is authoritative); empty = any engine that proves the keys.</summary>
    public string? EngineId { get; set; }

    public DeviceCredentials ToCredentials() =>
        new(SnmpVersion.V3, null, UserName, AuthProtocol, AuthSecretId, PrivProtocol, PrivSecretId);

    /// <summary>What is wrong with the entry, for the options validator; empty when nothing is.</summary>
    public IEnumerable<string> Problems(int index)
    {
        var key = $"{SnmpOptions.SectionName}:TrapUsers:{index}";
        if (string.IsNullOrWhiteSpace(UserName))
        {
            yield return $"{key}:UserName is empty.";
        }

        if ((AuthProtocol is null) != (AuthSecretId is null) || (PrivProtocol is null) != (PrivSecretId is null))
        {
            yield return $"{key}: a protocol needs its secret id and a secret id its protocol.";
        }

        if (PrivProtocol is not null && AuthProtocol is null)
        {
            yield return $"{key}: USM has no privacy without authentication.";
        }

        if (!string.IsNullOrEmpty(EngineId) && ParseEngineId(EngineId) is null)
        {
            yield return $"{key}:EngineId '{EngineId}' is not 5 to 32 bytes of hex.";
        }
    }

    /// <summary>Hex with an optional 0x, as net-snmp's tools print and take it; null when it is not a valid engine id.</summary>
    public static byte[]? ParseEngineId(string? hex)
    {
        var digits = hex?.Trim();
        digits = digits is not null && digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? digits[2..] : digits;
        try
        {
            return digits is { Length: >= 10 and <= 64 } ? Convert.FromHexString(digits) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
