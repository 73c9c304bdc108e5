namespace Sotp.Collectors.Snmp;

/// <summary>A reply that passed our checks (v3: MAC verified, decrypted), handed from the receive loop to the request.</summary>
internal sealed record SnmpIncoming(Pdu Pdu, UsmSecurityParameters? Security, V3Flags Flags);
