using Sotp.Core.Devices;
using Sotp.Core.Discovery;

namespace Sotp.Server.Discovery;

/// <summary>One running or finished discovery, changed by its runner and read by the API at the same time.</summary>
public sealed class DiscoveryJob(long id, long siteId, Ipv4Block block, IReadOnlyList<DeviceCredentials> credentials, string startedBy, DateTimeOffset startedAt)
{
    private readonly Lock _lock = new();
    private readonly List<DiscoveryProposal> _proposals = [];
    private int _swept;
    private int _answering;
    private int _probed;
    private DiscoveryStatus _status = DiscoveryStatus.Running;
    private DateTimeOffset? _finishedAt;
    private string? _error;

    public long Id { get; } = id;

    public long SiteId { get; } = siteId;

    public Ipv4Block Block { get; } = block;

    public IReadOnlyList<DeviceCredentials> Credentials { get; } = credentials;

    public bool Running
    {
        get
        {
            lock (_lock)
            {
                return _status == DiscoveryStatus.Running;
            }
        }
    }

    public void Swept(bool answered)
    {
        Interlocked.Increment(ref _swept);
        if (answered)
        {
            Interlocked.Increment(ref _answering);
        }
    }

    public void Probed(DiscoveryProposal proposal)
    {
        lock (_lock)
        {
            _proposals.Add(proposal);
            _probed++;
        }
    }

    public DiscoveryProposal? Proposal(string address)
    {
        lock (_lock)
        {
            return _proposals.FirstOrDefault(proposal => proposal.Address == address);
        }
    }

    public void Created(string address, long deviceId)
    {
        lock (_lock)
        {
            var index = _proposals.FindIndex(proposal => proposal.Address == address);
            _proposals[index] = _proposals[index] with { CreatedDeviceId = deviceId };
        }
    }

    public void Finish(DateTimeOffset at, string? error)
    {
        lock (_lock)
        {
            _status = error is null ? DiscoveryStatus.Done : DiscoveryStatus.Failed;
            _error = error;
            _finishedAt = at;
        }
    }

    public DiscoveryJobView View()
    {
        lock (_lock)
        {
            var proposals = _proposals.OrderBy(proposal => System.Net.IPAddress.Parse(proposal.Address).GetAddressBytes(), ByteOrder.Instance).ToList();
            return new DiscoveryJobView(Id, SiteId, Block.ToString(), _status, (int)Block.HostCount(), Volatile.Read(ref _swept), Volatile.Read(ref _answering), _probed,
                startedAt, _finishedAt, startedBy, _error, proposals);
        }
    }

    /// <summary>Addresses in numeric order (192.0.2.10 after 192.0.2.9), as an operator reads a block.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }
}
