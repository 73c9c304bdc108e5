namespace Sotp.Core.Snmp;

/// <summary>How the last SNMP poll of a device went.</summary>
public enum SnmpPollStatus
{
    /// <summary>Not polled (yet): no SNMP credentials, disabled, or this node has not reached it.</summary>
    NotPolled,
    Ok,

    /// <summary>The agent answered, but a part (a table, CPU, memory) failed; the reason names each failed part.</summary>
    Partial,

    /// <summary>No answer. For v1/v2c a wrong community looks exactly like this: agents drop such requests silently.</summary>
    Timeout,

    /// <summary>The agent refused our v3 user, password or security level.</summary>
    AuthError,

    /// <summary>Anything else: a name that does not resolve, a missing secret, an agent that misbehaves.</summary>
    Error,
}
