namespace Sotp.Core.Devices;

/// <summary>
/// How collectors log in to a device. Every password, community and key is a secret of the secret store,
/// referenced by id here; the device record itself holds nothing secret.
/// </summary>
/// <param name="PanelUserCodeSecretId">An alarm panel's user code, sent only with control commands (arm, disarm, …).</param>
/// <param name="PanelIntegrationKeySecretId">An ETHM-1 Plus integration key: when set, the panel is spoken to encrypted.</param>
public sealed record DeviceCredentials(
    SnmpVersion? SnmpVersion = null,
    long? SnmpCommunitySecretId = null,
    string? SnmpV3User = null,
    SnmpAuthProtocol? SnmpV3AuthProtocol = null,
    long? SnmpV3AuthSecretId = null,
    SnmpPrivProtocol? SnmpV3PrivProtocol = null,
    long? SnmpV3PrivSecretId = null,
    string? SshUser = null,
    long? SshSecretId = null,
    long? PanelUserCodeSecretId = null,
    long? PanelIntegrationKeySecretId = null)
{
    public static DeviceCredentials None { get; } = new();

    /// <summary>The secrets this device refers to, for checking they exist and belong to its site.</summary>
    public IEnumerable<(string Field, long SecretId)> SecretReferences()
    {
        foreach (var (field, id) in new[] { ("snmpCommunitySecretId", SnmpCommunitySecretId), ("snmpV3AuthSecretId", SnmpV3AuthSecretId), ("snmpV3PrivSecretId", SnmpV3PrivSecretId), ("sshSecretId", SshSecretId), ("panelUserCodeSecretId", PanelUserCodeSecretId), ("panelIntegrationKeySecretId", PanelIntegrationKeySecretId) })
        {
            if (id is { } value)
            {
                yield return (field, value);
            }
        }
    }

    /// <summary>Field errors (keys <c>credentials.field</c>): each SNMP version needs its own parts, and nothing half-given.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (SnmpVersion is Devices.SnmpVersion.V1 or Devices.SnmpVersion.V2c && SnmpCommunitySecretId is null)
        {
            errors["credentials.snmpCommunitySecretId"] = ["SNMP v1/v2c needs a community secret."];
        }

        if (SnmpVersion == Devices.SnmpVersion.V3)
        {
            if (string.IsNullOrWhiteSpace(SnmpV3User) || SnmpV3User.Length > 64)
            {
                errors["credentials.snmpV3User"] = ["SNMP v3 needs a user name (at most 64 characters)."];
            }

            if ((SnmpV3AuthProtocol is null) != (SnmpV3AuthSecretId is null))
            {
                errors["credentials.snmpV3AuthSecretId"] = ["an authentication protocol and its secret come together."];
            }

            if ((SnmpV3PrivProtocol is null) != (SnmpV3PrivSecretId is null))
            {
                errors["credentials.snmpV3PrivSecretId"] = ["a privacy protocol and its secret come together."];
            }

            if (SnmpV3PrivProtocol is not null && SnmpV3AuthProtocol is null)
            {
                errors["credentials.snmpV3AuthProtocol"] = ["privacy needs authentication (authPriv)."];
            }
        }

        if (SnmpVersion is null && (SnmpCommunitySecretId ?? SnmpV3AuthSecretId ?? SnmpV3PrivSecretId) is not null)
        {
            errors["credentials.snmpVersion"] = ["SNMP secrets without an snmpVersion."];
        }

        if ((SshUser is null) != (SshSecretId is null) || SshUser?.Length > 64)
        {
            errors["credentials.sshUser"] = ["an SSH user (at most 64 characters) and its secret come together."];
        }

        return errors;
    }
}

public enum SnmpVersion
{
    V1,
    V2c,
    V3,
}

/// <summary>USM authentication (RFC 3414, RFC 7860).</summary>
public enum SnmpAuthProtocol
{
    Md5,
    Sha,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// <summary>USM privacy (RFC 3414, RFC 3826, and AES-192/256 as net-snmp does them).</summary>
public enum SnmpPrivProtocol
{
    Des,
    Aes,
    Aes192,
    Aes256,
}
