namespace Sotp.Core.Alarms;

/// <summary>When an alarm opened, was acknowledged and was resolved, and by whom it was handled: what MTTA and MTTR are made of.</summary>
public sealed record AlarmTimes(long AlarmId, long SiteId, long? DeviceId, string? Operator, DateTimeOffset OpenedAt, DateTimeOffset? AckedAt, DateTimeOffset? ResolvedAt);
