using Sotp.Collectors.Snmp;
using Sotp.Core.Devices;
using Sotp.Core.Secrets;
using CoreAuth = Sotp.Core.Devices.SnmpAuthProtocol;
using CorePriv = Sotp.Core.Devices.SnmpPrivProtocol;
using CoreVersion = Sotp.Core.Devices.SnmpVersion;

namespace Sotp.Server.Snmp;

/// <summary>
/// Turns a device's credential references into what the SNMP engine sends, reading the secrets as the system (a
/// use, not a reveal: nothing is shown to anyone). The values live only in the returned object, never in logs.
/// </summary>
public sealed class SnmpCredentialResolver(SecretVault secrets)
{
    /// <exception cref="SnmpCredentialsException">A secret is missing or unreadable, or a pass phrase is too short for USM.</exception>
    public async Task<SnmpCredentials> ResolveAsync(DeviceCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            return credentials.SnmpVersion switch
            {
                CoreVersion.V1 or CoreVersion.V2c => new CommunityCredentials(await UseAsync(credentials.SnmpCommunitySecretId, cancellationToken),
                    credentials.SnmpVersion == CoreVersion.V1 ? Collectors.Snmp.SnmpVersion.V1 : Collectors.Snmp.SnmpVersion.V2c),
                CoreVersion.V3 => new UsmCredentials(credentials.SnmpV3User!,
                    Auth(credentials.SnmpV3AuthProtocol), credentials.SnmpV3AuthSecretId is null ? null : await UseAsync(credentials.SnmpV3AuthSecretId, cancellationToken),
                    Priv(credentials.SnmpV3PrivProtocol), credentials.SnmpV3PrivSecretId is null ? null : await UseAsync(credentials.SnmpV3PrivSecretId, cancellationToken)),
                _ => throw new SnmpCredentialsException("the device has no SNMP credentials", null),
            };
        }
        catch (Exception ex) when (ex is Core.Errors.DomainException or SecretUnreadableException or ArgumentException)
        {
            throw new SnmpCredentialsException($"its SNMP credentials cannot be used: {ex.Message}", ex);
        }
    }

    private async Task<string> UseAsync(long? secretId, CancellationToken cancellationToken) =>
        await secrets.UseAsync(secretId ?? throw new ArgumentException("a secret reference is missing"), cancellationToken);

    private static Collectors.Snmp.SnmpAuthProtocol Auth(CoreAuth? protocol) => protocol switch
    {
        null => Collectors.Snmp.SnmpAuthProtocol.None,
        CoreAuth.Md5 => Collectors.Snmp.SnmpAuthProtocol.Md5,
        CoreAuth.Sha => Collectors.Snmp.SnmpAuthProtocol.Sha1,
        CoreAuth.Sha224 => Collectors.Snmp.SnmpAuthProtocol.Sha224,
        CoreAuth.Sha256 => Collectors.Snmp.SnmpAuthProtocol.Sha256,
        CoreAuth.Sha384 => Collectors.Snmp.SnmpAuthProtocol.Sha384,
        _ => Collectors.Snmp.SnmpAuthProtocol.Sha512,
    };

    private static Collectors.Snmp.SnmpPrivProtocol Priv(CorePriv? protocol) => protocol switch
    {
        null => Collectors.Snmp.SnmpPrivProtocol.None,
        CorePriv.Des => Collectors.Snmp.SnmpPrivProtocol.Des,
        CorePriv.Aes => Collectors.Snmp.SnmpPrivProtocol.Aes128,
        CorePriv.Aes192 => Collectors.Snmp.SnmpPrivProtocol.Aes192,
        _ => Collectors.Snmp.SnmpPrivProtocol.Aes256,
    };
}

/// <summary>A device's SNMP credentials cannot be turned into a request; the message names the problem, never a value.</summary>
public sealed class SnmpCredentialsException(string message, Exception? inner) : Exception(message, inner);
