using System.Net;

namespace Sotp.Collectors.Snmp;

/// <summary>The agent did not answer any attempt in time.</summary>
public sealed class SnmpTimeoutException(IPEndPoint endpoint, int attempts, TimeSpan timeout)
    : SnmpException($"No answer from {endpoint} after {attempts} attempt(s) of {timeout.TotalMilliseconds:0} ms.")
{
    public IPEndPoint Endpoint { get; } = endpoint;
}
