namespace Sotp.Collectors.Snmp;

/// <summary>The agent answered with a non-zero error-status (noSuchName, tooBig, notWritable, …).</summary>
public sealed class SnmpErrorStatusException(SnmpErrorStatus status, int index, Oid? oid)
    : SnmpException($"The agent answered {status}" + (oid is null ? "." : $" for {oid} (varbind {index})."))
{
    public SnmpErrorStatus Status { get; } = status;

    /// <summary>1-based position of the varbind the error is about; 0 when it is about none.</summary>
    public int Index { get; } = index;
}
