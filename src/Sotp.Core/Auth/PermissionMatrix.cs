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
        // Everyone reads the inventory (TECHNICIAN and FIELD_WORKER only their assigned sites); collectors (SYSTEM) too.
        [Permission.ReadInventory] = Enum.GetValues<Role>(),
        [Permission.WriteInventory] = [Role.Master, Role.Admin],
        // ADMIN manages users below MASTER; UserAdministration keeps MASTER and SYSTEM accounts to MASTER.
        [Permission.ManageUsers] = [Role.Master, Role.Admin],
        // Secret values leave the store only through a timed, audited, rate-limited reveal (SecretVault).
        [Permission.ReadSecretInfo] = [Role.Master, Role.Admin, Role.Operator, Role.Technician, Role.FieldWorker, Role.Auditor],
        [Permission.WriteSecrets] = [Role.Master, Role.Admin],
        [Permission.RevealSecrets] = [Role.Master, Role.Admin, Role.Operator, Role.Technician, Role.FieldWorker, Role.Auditor],
        // The STAM seed's matrix: alarms are seen by operators, technicians (assigned sites), admins and the owner;
        // handled (claim, acknowledge, resolve, close) by operators and the owner only. Auditors and read-only users watch.
        [Permission.ReadAlarms] = [Role.Master, Role.Admin, Role.Operator, Role.Technician, Role.Auditor, Role.ReadOnly],
        [Permission.HandleAlarms] = [Role.Master, Role.Operator],
        // Outside systems report through API keys of SYSTEM users; MASTER and ADMIN may post test events.
        [Permission.ReportEvents] = [Role.System, Role.Master, Role.Admin],
        // Arming, disarming and outputs change a protected site's state: the owner and the administrators only.
        [Permission.ControlPanels] = [Role.Master, Role.Admin],
        // Releasing a panel for DLOAD stops watching it for minutes; an administrator's decision (MASTER holds every ADMIN right).
        [Permission.ReleasePanels] = [Role.Master, Role.Admin],
        // Alert rules decide what opens alarms for the operators: configured like the inventory, by the owner and the administrators.
        [Permission.ManageRules] = [Role.Master, Role.Admin],
        // Channels decide who outside hears of alarms and use the system's secrets: configured by the owner and administrators.
        [Permission.ManageNotifications] = [Role.Master, Role.Admin],
        // Discovery sends traffic across whole address blocks with the system's credentials and adds devices: the inventory's writers.
        [Permission.RunDiscovery] = [Role.Master, Role.Admin],
    };

    public static IReadOnlyList<Role> RolesFor(Permission permission) => Roles[permission];

    public static bool Allows(Role role, Permission permission) => Roles[permission].Contains(role);

    /// <summary>The matrix as a Markdown table: docs/permissions.md is this text, and a test keeps it so.</summary>
    public static string RenderMarkdown()
    {
        var roles = Enum.GetValues<Role>();
        var text = new System.Text.StringBuilder();
        text.AppendLine("# Permissions");
        text.AppendLine();
        text.AppendLine("Generated from `src/Sotp.Core/Auth/PermissionMatrix.cs` by `sotp permissions`; a test fails when this file is out of date.");
        text.AppendLine("Without a token every guarded endpoint answers 401; with a role that lacks the permission, 403.");
        text.AppendLine();
        text.Append("| permission |").AppendJoin("", roles.Select(role => $" {role.ToText()} |")).AppendLine();
        text.Append("|---|").AppendJoin("", roles.Select(_ => ":-:|")).AppendLine();
        foreach (var permission in Enum.GetValues<Permission>())
        {
            text.Append($"| {permission} |").AppendJoin("", roles.Select(role => Allows(role, permission) ? " ✓ |" : "   |")).AppendLine();
        }

        return text.ToString();
    }
}
