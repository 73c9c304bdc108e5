namespace Sotp.Core.Audit;

/// <summary>
/// One thing that happened, as the audit log keeps it. <paramref name="Before"/> and <paramref name="After"/>
/// are JSON with secrets already redacted; the log never sees a secret.
/// </summary>
public sealed record AuditEntry(
    AuditActor Actor,
    string Action,
    string? EntityType = null,
    string? EntityId = null,
    string? Before = null,
    string? After = null,
    string? Detail = null,
    string? RequestId = null,
    string? ClientIp = null);

/// <summary>Who did it: a user, or a named system part ("cli", "system") with no user id.</summary>
public sealed record AuditActor(long? UserId, string Name, string? Role)
{
    public static AuditActor System { get; } = new(null, "system", null);

    public static AuditActor Cli { get; } = new(null, "cli", null);
}
