using Sotp.Core.Devices;
using Sotp.Core.Errors;

namespace Sotp.Core.Discovery;

/// <summary>A discovery as a client asks for it: a block to sweep, the site the found devices will belong to, and the SNMP credential sets to try in order.</summary>
/// <param name="Credentials">Each set as a device names its SNMP credentials (version and secret references); the first that works is kept.</param>
public sealed record DiscoveryInput(string? Cidr, long? SiteId, IReadOnlyList<DeviceCredentials>? Credentials)
{
    /// <summary>A /22: big enough for a site's management network, small enough that a typo does not sweep a whole region.</summary>
    public const int MaxAddresses = 1024;

    public const int MaxCredentialSets = 5;

    /// <exception cref="ValidationException">A field is missing or malformed.</exception>
    /// <exception cref="DomainException"><c>cidr_too_large</c>: more than <see cref="MaxAddresses"/> addresses.</exception>
    public Ipv4Block Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!Ipv4Block.TryParse(Cidr, out var block))
        {
            errors["cidr"] = ["cidr is an IPv4 block such as 192.0.2.0/24."];
        }

        if (SiteId is null or < 1)
        {
            errors["siteId"] = ["siteId is required."];
        }

        var sets = Credentials ?? [];
        if (sets.Count is 0 or > MaxCredentialSets)
        {
            errors["credentials"] = [$"1 to {MaxCredentialSets} SNMP credential sets, tried in order."];
        }

        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i] ?? DeviceCredentials.None;
            if (set.SnmpVersion is null)
            {
                errors[$"credentials[{i}].snmpVersion"] = ["each credential set names its snmpVersion."];
            }

            foreach (var (field, problems) in set.Validate())
            {
                errors[$"credentials[{i}]." + field["credentials.".Length..]] = problems;
            }
        }

        Require.Valid(errors);
        return block.Size <= MaxAddresses
            ? block
            : throw new DomainException(ErrorKind.Validation, ErrorCodes.CidrTooLarge,
                $"{block} has {block.Size} addresses; a discovery sweeps at most {MaxAddresses} (a /22). Split it into smaller blocks.") { Field = "cidr" };
    }
}
