namespace Sotp.Collectors.Snmp;

/// <summary>How a request proves who sends it: a v1/v2c community or a v3 USM user.</summary>
public abstract record SnmpCredentials
{
    public abstract SnmpVersion Version { get; }
}
