namespace Sotp.Core.Audit;

/// <summary>Action names in the audit log; stable, because auditors filter on them.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string AccountLocked = "auth.account_locked";
    public const string Logout = "auth.logout";
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string PasswordChanged = "auth.password_changed";
    public const string UserCreated = "user.created";
    public const string PasswordReset = "user.password_reset";
    public const string FirstStartSeeded = "system.first_start";
    public const string SecretRevealed = "secret.revealed";
    public const string PanelCommandSent = "panel.command";
    public const string PanelCommandFinished = "panel.command_result";
    public const string PanelReleased = "panel.released";
    public const string PanelZonePriority = "panel.zone_priority";
    public const string DiscoveryStarted = "discovery.started";
}
