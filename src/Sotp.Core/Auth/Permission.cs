namespace Sotp.Core.Auth;

/// <summary>What an endpoint needs. Which roles have it is <see cref="PermissionMatrix"/>, the one table.</summary>
public enum Permission
{
    ReadAudit,
    ReadInventory,
    WriteInventory,
    ManageUsers,
    ReadSecretInfo,
    WriteSecrets,
    RevealSecrets,
    ReadAlarms,
    HandleAlarms,
    ReportEvents,
    ControlPanels,
    ReleasePanels,
    ManageRules,
    ManageNotifications,
    RunDiscovery,
}
