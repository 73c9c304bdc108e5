namespace Sotp.Collectors.Snmp;

/// <summary>msgFlags (RFC 3412): the security level of a message and whether a report may be sent back.</summary>
[Flags]
public enum V3Flags : byte
{
    None = 0,
    Auth = 1,
    Priv = 2,
    Reportable = 4,
}
