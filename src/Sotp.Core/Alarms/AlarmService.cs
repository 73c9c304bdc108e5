using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Sites;

namespace Sotp.Core.Alarms;

/// <summary>
/// Alarms as operators and the API see them: lists limited to the caller's sites, and every lifecycle step
/// applied through the store's single-transaction change (alarm, log line, outbox message).
/// </summary>
public sealed class AlarmService(IAlarmStore alarms, SiteService sites, OutboxSignal outbox, AlarmMetrics metrics, AlarmOptions options, TimeProvider time)
{
    public const string SystemName = "system";

    public async Task<Page<Alarm>> ListAsync(string? state, long? siteId, long? deviceId, string? priority, int page, int pageSize, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new ListQuery(page, pageSize).Validate([]);
        IReadOnlyList<AlarmState>? states = null;
        if (state is not null)
        {
            states = state.Equals("open", StringComparison.OrdinalIgnoreCase)
                ? AlarmStates.Open
                : state.Split(',').Select(s => EnumText.TryParse<AlarmState>(s, out var parsed) ? parsed : (AlarmState?)null).ToList() is var parsedStates && parsedStates.All(s => s is not null)
                    ? parsedStates.Select(s => s!.Value).ToList()
                    : null;
            if (states is null)
            {
                errors["state"] = [$"state is 'open' or a comma-separated list of {string.Join(", ", EnumText.Names<AlarmState>())}."];
            }
        }

        EventPriority? parsedPriority = null;
        if (priority is not null)
        {
            if (EnumText.TryParse<EventPriority>(priority, out var value))
            {
                parsedPriority = value;
            }
            else
            {
                errors["priority"] = [$"priority is one of {string.Join(", ", EnumText.Names<EventPriority>())}."];
            }
        }

        Require.Valid(errors);
        return await alarms.ListAsync(new AlarmFilter(states, siteId, deviceId, parsedPriority, page, pageSize), await sites.ScopeAsync(caller, cancellationToken), cancellationToken);
    }

    /// <summary>The longest span one answer covers: a year of alarms is read into memory at most.</summary>
    public static readonly TimeSpan MaxResponseSpan = TimeSpan.FromDays(366);

    /// <summary>MTTA and MTTR of the alarms opened in [from, to) (default: the last 30 days) on the caller's sites, grouped.</summary>
    public async Task<IReadOnlyList<ResponseStats>> ResponseStatsAsync(string? groupBy, DateTimeOffset? from, DateTimeOffset? to, Caller caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var grouping = ResponseGrouping.Site;
        if (groupBy is not null && !EnumText.TryParse(groupBy, out grouping))
        {
            errors["groupBy"] = [$"groupBy is one of {string.Join(", ", EnumText.Names<ResponseGrouping>())}."];
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        if (end <= start || end - start > MaxResponseSpan)
        {
            errors["to"] = [$"to must be after from, at most {MaxResponseSpan.TotalDays:0} days later."];
        }

        Require.Valid(errors);
        var times = await alarms.ResponseTimesAsync(start, end, await sites.ScopeAsync(caller, cancellationToken), cancellationToken);
        return ResponseStats.Of(times, grouping);
    }

    public async Task<Alarm> GetAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        var alarm = await alarms.GetAsync(id, cancellationToken);
        return alarm is not null && await sites.CanSeeAsync(caller, alarm.SiteId, cancellationToken) ? alarm : throw NotFound(id);
    }

    public async Task<IReadOnlyList<AlarmLogEntry>> LogAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        return await alarms.LogAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<EventRecord>> EventsAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        return await alarms.EventsAsync(id, cancellationToken);
    }

    public Task<Alarm> ClaimAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, (alarm, now) => AlarmWorkflow.Claim(alarm, Require.Version(version), caller, now, options.ClaimTtl), cancellationToken);

    public Task<Alarm> StartAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, (alarm, now) => AlarmWorkflow.Start(alarm, Require.Version(version), caller, now), cancellationToken);

    public async Task<Alarm> AcknowledgeAsync(long id, long? version, string? note, Caller caller, CancellationToken cancellationToken)
    {
        var alarm = await ChangeAsync(id, caller, (alarm, now) => AlarmWorkflow.Acknowledge(alarm, Require.Version(version), note, caller, now), cancellationToken);
        metrics.Acknowledged(alarm);
        return alarm;
    }

    public Task<Alarm> ResolveAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, (alarm, now) => AlarmWorkflow.Resolve(alarm, Require.Version(version), caller, now), cancellationToken);

    public Task<Alarm> CloseAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, (alarm, now) => AlarmWorkflow.Close(alarm, Require.Version(version), caller, now), cancellationToken);

    /// <summary>A dispatch-log entry; needs no version, since it changes nothing an operator decided on.</summary>
    public Task<Alarm> AddNoteAsync(long id, string? text, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, (alarm, now) => AlarmWorkflow.Note(alarm, text, caller, now), cancellationToken);

    /// <summary>The device's cause went away (it answers again): its open alarm of the category is resolved.</summary>
    public async Task<Alarm?> ResolveByRestoreAsync(long deviceId, string category, string reason, CancellationToken cancellationToken)
    {
        var open = await alarms.FindOpenForDeviceAsync(deviceId, category, cancellationToken);
        if (open is null)
        {
            return null;
        }

        var resolved = await alarms.ChangeAsync(open.Id, alarm => AlarmWorkflow.ResolveByRestore(alarm, reason, time.GetUtcNow()), null, cancellationToken);
        Changed(resolved);
        return resolved;
    }

    /// <summary>The reaper and auto-close, once: returns how many alarms changed.</summary>
    public async Task<int> RunHousekeepingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        foreach (var id in await alarms.DueForHousekeepingAsync(now, now - options.AutoClose, cancellationToken))
        {
            var alarm = await alarms.ChangeAsync(id, a => AlarmWorkflow.ExpireClaim(a, now) ?? AlarmWorkflow.AutoClose(a, now, options.AutoClose), null, cancellationToken);
            if (alarm is not null)
            {
                changed++;
                Changed(alarm);
            }
        }

        metrics.ActiveAlarms(await alarms.CountOpenAsync(cancellationToken));
        return changed;
    }

    private async Task<Alarm> ChangeAsync(long id, Caller caller, Func<Alarm, DateTimeOffset, AlarmChange> decide, CancellationToken cancellationToken)
    {
        await GetAsync(id, caller, cancellationToken);
        var alarm = await alarms.ChangeAsync(id, alarm => decide(alarm, time.GetUtcNow()), caller, cancellationToken) ?? throw NotFound(id);
        Changed(alarm);
        return alarm;
    }

    private void Changed(Alarm? alarm)
    {
        if (alarm is not null)
        {
            outbox.Pulse();
        }
    }

    private static DomainException NotFound(long id) => DomainException.NotFound("alarm", id);
}
