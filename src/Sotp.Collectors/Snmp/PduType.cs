namespace Sotp.Collectors.Snmp;

/// <summary>The context-specific constructed tags of the PDUs (RFC 3416). The v1 Trap-PDU (0xA4) has another layout; only Traps.TrapDecoder reads it.</summary>
public enum PduType : byte
{
    GetRequest = 0xA0,
    GetNextRequest = 0xA1,
    Response = 0xA2,
    SetRequest = 0xA3,
    GetBulkRequest = 0xA5,
    InformRequest = 0xA6,
    SnmpV2Trap = 0xA7,
    Report = 0xA8,
}
