namespace Sotp.Core.Snmp;

/// <summary>ifAdminStatus / ifOperStatus (RFC 2863), numbered as on the wire.</summary>
public enum InterfaceStatus
{
    Up = 1,
    Down = 2,
    Testing = 3,
    Unknown = 4,
    Dormant = 5,
    NotPresent = 6,
    LowerLayerDown = 7,
}
