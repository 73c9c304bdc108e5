namespace Sotp.Core.Users;

/// <summary>
/// The roles of both seeds in one list. What each may do is the permission matrix (inventory/auth issue);
/// the foundation only needs them to exist so the first administrator can be created.
/// </summary>
public enum Role
{
    /// <summary>Programmatic callers: workers, receivers, external event sources.</summary>
    System,
    /// <summary>Owner: everything, including the system audit.</summary>
    Master,
    Admin,
    Operator,
    Technician,
    FieldWorker,
    Auditor,
    ReadOnly,
}
