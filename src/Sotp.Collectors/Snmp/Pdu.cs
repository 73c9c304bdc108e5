namespace Sotp.Collectors.Snmp;

/// <summary>
/// A PDU. For GetBulk the second and third fields are non-repeaters and max-repetitions (RFC 3416 keeps them in the
/// error-status and error-index positions); <see cref="NonRepeaters"/> and <see cref="MaxRepetitions"/> name them.
/// </summary>
public sealed record Pdu(PduType Type, int RequestId, int ErrorStatusOrNonRepeaters, int ErrorIndexOrMaxRepetitions, IReadOnlyList<VarBind> VarBinds)
{
    public SnmpErrorStatus ErrorStatus => (SnmpErrorStatus)ErrorStatusOrNonRepeaters;

    public int ErrorIndex => ErrorIndexOrMaxRepetitions;

    public int NonRepeaters => ErrorStatusOrNonRepeaters;

    public int MaxRepetitions => ErrorIndexOrMaxRepetitions;

    public static Pdu Request(PduType type, int requestId, IEnumerable<Oid> oids) =>
        new(type, requestId, 0, 0, oids.Select(VarBind.Request).ToArray());

    public static Pdu GetBulk(int requestId, int nonRepeaters, int maxRepetitions, IEnumerable<Oid> oids) =>
        new(PduType.GetBulkRequest, requestId, nonRepeaters, maxRepetitions, oids.Select(VarBind.Request).ToArray());

    public bool Equals(Pdu? other) =>
        other is not null && Type == other.Type && RequestId == other.RequestId && ErrorStatusOrNonRepeaters == other.ErrorStatusOrNonRepeaters &&
        ErrorIndexOrMaxRepetitions == other.ErrorIndexOrMaxRepetitions && VarBinds.SequenceEqual(other.VarBinds);

    public override int GetHashCode() => HashCode.Combine(Type, RequestId, VarBinds.Count);
}
