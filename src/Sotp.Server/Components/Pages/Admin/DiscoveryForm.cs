using Sotp.Core.Devices;
using Sotp.Core.Discovery;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>What the discovery page asks for, as <see cref="DiscoveryInput"/> takes it: a block, a site and the SNMP credential sets to try in order.</summary>
public sealed class DiscoveryForm
{
    public long? SiteId { get; set; }

    public string? Cidr { get; set; }

    public List<CredentialRow> Credentials { get; } = [new()];

    public bool CanAddCredentials => Credentials.Count < DiscoveryInput.MaxCredentialSets;

    public DiscoveryInput ToInput() => new(Cidr?.Trim(), SiteId, [.. Credentials.Select(row => row.ToCredentials())]);

    /// <summary>One credential set; only the parts of the chosen version go into the request.</summary>
    public sealed class CredentialRow
    {
        public SnmpVersion? Version { get; set; } = SnmpVersion.V2c;

        public long? CommunitySecretId { get; set; }

        public string? V3User { get; set; }

        public SnmpAuthProtocol? AuthProtocol { get; set; }

        public long? AuthSecretId { get; set; }

        public SnmpPrivProtocol? PrivProtocol { get; set; }

        public long? PrivSecretId { get; set; }

        public bool IsV3 => Version == SnmpVersion.V3;

        public DeviceCredentials ToCredentials() => IsV3
            ? new DeviceCredentials(Version, SnmpV3User: V3User?.Trim(), SnmpV3AuthProtocol: AuthProtocol, SnmpV3AuthSecretId: AuthSecretId,
                SnmpV3PrivProtocol: PrivProtocol, SnmpV3PrivSecretId: PrivSecretId)
            : new DeviceCredentials(Version, SnmpCommunitySecretId: CommunitySecretId);

        /// <summary>Forgets secrets that are not among <paramref name="usable"/> (another site's, after the site changed).</summary>
        public void Keep(IReadOnlySet<long> usable)
        {
            CommunitySecretId = CommunitySecretId is { } community && usable.Contains(community) ? community : null;
            AuthSecretId = AuthSecretId is { } auth && usable.Contains(auth) ? auth : null;
            PrivSecretId = PrivSecretId is { } priv && usable.Contains(priv) ? priv : null;
        }
    }
}
