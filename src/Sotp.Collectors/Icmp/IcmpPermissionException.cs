namespace Sotp.Collectors.Icmp;

/// <summary>No ICMP socket could be opened: says plainly how to grant the permission.</summary>
public sealed class IcmpPermissionException(string family, Exception? inner) : Exception(
    $"Cannot open an ICMP socket for {family}: sending pings needs root, the CAP_NET_RAW capability " +
    "(`sudo setcap cap_net_raw+ep $(readlink -f $(which dotnet))`, or `AmbientCapabilities=CAP_NET_RAW` in a systemd unit), " +
    "or unprivileged ping sockets for this user's group (`sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"`).",
    inner);
