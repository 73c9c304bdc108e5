using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sotp.Server.Monitoring;

/// <summary>
/// Turns a device's management address into an IP address: literals directly, host names through DNS with a
/// cache, so 10,000 devices named by host name do not send 10,000 lookups every 30 seconds.
/// </summary>
public sealed class AddressResolver(Func<string, CancellationToken, Task<IPAddress[]>> lookup, TimeProvider time, TimeSpan cacheFor)
{
    private readonly ConcurrentDictionary<string, (IPAddress Address, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public AddressResolver(TimeProvider time, TimeSpan cacheFor)
        : this(Dns.GetHostAddressesAsync, time, cacheFor)
    {
    }

    /// <exception cref="AddressResolutionException">The name does not resolve, or to no IPv4/IPv6 address.</exception>
    public async Task<IPAddress> ResolveAsync(string address, CancellationToken cancellationToken)
    {
        // An alarm panel's address carries its module's port; the host is what answers pings.
        address = Sotp.Core.Devices.DeviceAddress.HostOf(address);
        if (IPAddress.TryParse(address, out var literal))
        {
            return literal;
        }

        var now = time.GetUtcNow();
        if (_cache.TryGetValue(address, out var cached) && cached.Until > now)
        {
            return cached.Address;
        }

        IPAddress[] found;
        try
        {
            found = await lookup(address, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new AddressResolutionException($"the host name '{address}' does not resolve ({ex.SocketErrorCode})", ex);
        }

        // IPv4 first: a dual-stack name is pinged the way most tools (and operators' habits) do.
        var chosen = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6)
            ?? throw new AddressResolutionException($"the host name '{address}' has no IPv4 or IPv6 address", null);
        _cache[address] = (chosen, now + cacheFor);
        return chosen;
    }
}

public sealed class AddressResolutionException(string message, Exception? inner) : Exception(message, inner);
