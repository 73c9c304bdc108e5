using Sotp.Core.Audit;
using Sotp.Core.Users;

namespace Sotp.Core;

/// <summary>Who is asking, as application services need it: for the audit trail and for site scoping.</summary>
public sealed record Caller(long? UserId, string Name, Role Role, string? RequestId = null, string? ClientIp = null)
{
    public AuditActor Actor => new(UserId, Name, Role.ToText());

    /// <summary>TECHNICIAN and FIELD_WORKER see only the sites assigned to them, everywhere.</summary>
    public bool LimitedToAssignedSites => Role is Role.Technician or Role.FieldWorker;
}
