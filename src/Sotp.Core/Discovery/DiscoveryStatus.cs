namespace Sotp.Core.Discovery;

public enum DiscoveryStatus
{
    Running,
    Done,
    Failed,
}
