namespace Sotp.Core.Audit;

public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<Page<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Walks the chain from the first row; reports the first row whose hash or link is wrong.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}

/// <param name="FirstBrokenId">Null when every row checks out.</param>
public sealed record AuditVerification(long RowsChecked, long? FirstBrokenId, string? Reason)
{
    public bool Intact => FirstBrokenId is null;
}
