using System.Net;

namespace Sotp.Collectors.Snmp.Traps;

/// <summary>
/// A notification as received, in the v2 shape whatever its version: v1 Trap-PDUs are translated as RFC 3584
/// section 3.1 says (generic traps become the snmpTraps OIDs, enterprise-specific ones enterprise.0.specific), so one
/// mapping serves both.
/// </summary>
/// <param name="RequestId">The PDU's request-id; null for v1, whose Trap-PDU has none.</param>
/// <param name="AgentAddress">The v1 agent-addr field (the agent's own idea of its address); null for v2c.</param>
/// <param name="VarBinds">The varbinds after sysUpTime.0 and snmpTrapOID.0 (v1: all of them).</param>
public sealed record SnmpTrap(
    SnmpVersion Version,
    byte[] Community,
    bool IsInform,
    int? RequestId,
    Oid TrapOid,
    IPAddress? AgentAddress,
    IReadOnlyList<VarBind> VarBinds,
    IReadOnlyList<VarBind> AllVarBinds)
{
    /// <summary>The Response PDU an InformRequest asks for: same request-id, same varbinds, no error (RFC 3416 section 4.2.7).</summary>
    public byte[] InformResponse() =>
        new CommunityMessage(Version, Community, new Pdu(PduType.Response, RequestId ?? 0, 0, 0, AllVarBinds)).Encode();
}
