using System.Net;

namespace Sotp.Collectors.Snmp;

/// <summary>An agent and how to talk to it.</summary>
public sealed record SnmpTarget(IPEndPoint Endpoint, SnmpCredentials Credentials)
{
    /// <summary>How long to wait for each attempt's answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts after the first before giving up with <see cref="SnmpTimeoutException"/>.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>GetBulk max-repetitions a walk starts with; halved when the agent answers tooBig.</summary>
    public int MaxRepetitions { get; init; } = 25;

    /// <summary>A walk that returns more varbinds than this is stopped: a runaway agent must not eat the collector's memory.</summary>
    public int MaxWalkVarBinds { get; init; } = 200_000;
}
