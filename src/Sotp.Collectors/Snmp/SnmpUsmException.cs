using System.Net;

namespace Sotp.Collectors.Snmp;

/// <summary>A v3 request failed its security check at the agent; the message says what to fix.</summary>
public sealed class SnmpUsmException(UsmFailure failure, IPEndPoint endpoint, string userName)
    : SnmpException($"{endpoint}: {Describe(failure, userName)}")
{
    public UsmFailure Failure { get; } = failure;

    public IPEndPoint Endpoint { get; } = endpoint;

    private static string Describe(UsmFailure failure, string user) => failure switch
    {
        UsmFailure.UnknownUserName => $"unknown user '{user}' (the agent has no such USM user)",
        UsmFailure.WrongDigest => $"wrong authentication password or protocol for user '{user}' (the agent's digest check failed)",
        UsmFailure.DecryptionError => $"wrong privacy password or protocol for user '{user}' (the agent could not decrypt the request)",
        UsmFailure.UnsupportedSecurityLevel => $"the agent does not support this security level for user '{user}'",
        UsmFailure.NotInTimeWindow => "not in time window: the agent kept rejecting our engine boots/time after resynchronising",
        UsmFailure.UnknownEngineId => "unknown engine id: the agent kept rejecting the engine id it had just told us",
        _ => failure.ToString(),
    };
}
