namespace Sotp.Core.Discovery;

/// <summary>A discovery job's progress and, as hosts are probed, its proposals.</summary>
/// <param name="Swept">Addresses pinged so far, of <paramref name="Addresses"/>.</param>
/// <param name="Answering">Addresses that answered the ping.</param>
/// <param name="Probed">Answering addresses whose SNMP probe is finished.</param>
public sealed record DiscoveryJobView(
    long Id,
    long SiteId,
    string Cidr,
    DiscoveryStatus Status,
    int Addresses,
    int Swept,
    int Answering,
    int Probed,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string StartedBy,
    string? Error,
    IReadOnlyList<DiscoveryProposal> Proposals);
