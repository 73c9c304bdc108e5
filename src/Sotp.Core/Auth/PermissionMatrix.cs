using Sotp.Core.Users;

namespace Sotp.Core.Auth;

/// <summary>
/// The permission matrix: every permission and the roles that hold it. Endpoints name a permission, never a
/// role, so this table is the whole truth about who may do what.
/// </summary>
public static class PermissionMatrix
{
    private static readonly Dictionary<Permission, Role[]> Roles = new()
    {
        // The system audit is for the owner and the auditors; ADMIN runs the system but does not audit it.
        [Permission.ReadAudit] = [Role.Master, Role.Auditor],
    };

    public static IReadOnlyList<Role> RolesFor(Permission permission) => Roles[permission];

    public static bool Allows(Role role, Permission permission) => Roles[permission].Contains(role);
}
