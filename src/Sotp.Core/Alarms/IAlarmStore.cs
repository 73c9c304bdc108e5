using Sotp.Core.Events;

namespace Sotp.Core.Alarms;

/// <summary>Alarms, their events and dispatch logs. Every write also writes its outbox message, in one transaction.</summary>
public interface IAlarmStore
{
    /// <summary>Files an event: counts a duplicate, logs a signal, or opens, joins or is attached to an alarm.</summary>
    Task<IngestOutcome> IngestAsync(EventInput input, EventRouting routing, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Alarm?> GetAsync(long id, CancellationToken cancellationToken);

    /// <param name="onlySites">When not null, only alarms of these sites exist for the caller.</param>
    Task<Page<Alarm>> ListAsync(AlarmFilter filter, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the alarm, lets <paramref name="decide"/> choose the change (or throw), and writes it with its log line
    /// and outbox message. Returns null when the alarm does not exist, or when <paramref name="decide"/> returned null.
    /// </summary>
    Task<Alarm?> ChangeAsync(long id, Func<Alarm, AlarmChange?> decide, Caller? caller, CancellationToken cancellationToken);

    /// <summary>Open alarm of a device in a category (for restores and correlation).</summary>
    Task<Alarm?> FindOpenForDeviceAsync(long deviceId, string category, CancellationToken cancellationToken);

    /// <summary>Ids of alarms the housekeeping may have to change: CLAIMING past their TTL, RESOLVED and quiet since <paramref name="quietSince"/>.</summary>
    Task<IReadOnlyList<long>> DueForHousekeepingAsync(DateTimeOffset now, DateTimeOffset quietSince, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlarmLogEntry>> LogAsync(long alarmId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EventRecord>> EventsAsync(long alarmId, CancellationToken cancellationToken);

    /// <summary>Signals and events of a site, newest first.</summary>
    Task<Page<EventRecord>> SiteEventsAsync(long siteId, int page, int pageSize, CancellationToken cancellationToken);

    Task<int> CountOpenAsync(CancellationToken cancellationToken);

    /// <summary>The response times of alarms opened in [from, to), of the given sites only when <paramref name="onlySites"/> is set.</summary>
    Task<IReadOnlyList<AlarmTimes>> ResponseTimesAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<long>? onlySites, CancellationToken cancellationToken);
}

/// <param name="States">Only these states; all when null. "open" in the API means NEW..ACK.</param>
public sealed record AlarmFilter(IReadOnlyList<AlarmState>? States, long? SiteId, long? DeviceId, EventPriority? Priority, int Page = 1, int PageSize = 50);
