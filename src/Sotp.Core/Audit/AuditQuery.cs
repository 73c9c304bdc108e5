namespace Sotp.Core.Audit;

/// <param name="Page">1-based.</param>
/// <param name="Action">Exact action name, e.g. <c>auth.login_failed</c>.</param>
/// <param name="Actor">Exact actor name (username, "cli" or "system").</param>
public sealed record AuditQuery(int Page = 1, int PageSize = 50, string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
