using System.Text;

namespace Sotp.Collectors.Snmp;

/// <summary>SNMPv1 or v2c with a community string.</summary>
public sealed record CommunityCredentials : SnmpCredentials
{
    public CommunityCredentials(string community, SnmpVersion version = SnmpVersion.V2c)
    {
        ArgumentNullException.ThrowIfNull(community);
        if (version == SnmpVersion.V3)
        {
            throw new ArgumentException("Communities belong to v1 and v2c; v3 uses UsmCredentials.", nameof(version));
        }

        Community = community;
        Version = version;
    }

    public string Community { get; }

    public override SnmpVersion Version { get; }

    internal byte[] CommunityBytes => Encoding.UTF8.GetBytes(Community);
}
