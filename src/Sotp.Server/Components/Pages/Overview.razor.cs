using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Monitoring;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// Device status counts and open alarms by priority, kept current by the status board's and the live feed's
/// changes (each batch of changes recounts; nothing polls).
/// </summary>
public sealed partial class Overview(DeviceStatusQueries statusQueries, DeviceStatusBoard board, AlarmService alarms, LiveAlarms liveAlarms,
    DeviceService devices, SiteService sites)
{
    private readonly CancellationTokenSource _closed = new();
    private StatusOverview _devices = new(0, 0, 0, []);
    private List<(EventPriority Priority, long Count)>? _alarms;
    private LivePump<StatusChange>? _statusPump;
    private LivePump<OutboxMessage>? _alarmPump;
    private const int ProblemCount = 5;
    private const int OpenAlarmLimit = 500;
    private List<Problem>? _problems;
    private IReadOnlyList<SiteMap.Point> _mapPoints = [];
    private HashSet<long> _alarmedSites = [];
    private int _unplaced;

    /// <summary>A device that is DOWN or has open alarms.</summary>
    private sealed record Problem(long DeviceId, string Name, bool Down, int OpenAlarms);

    protected override async Task OnConsoleInitializedAsync()
    {
        // Subscribed before the first count, so a change between the two is not lost.
        _statusPump = new LivePump<StatusChange>(board.Subscribe(_closed.Token), _ => InvokeAsync(async () =>
        {
            await CountDevicesAsync();
            StateHasChanged();
        }));
        if (May(Permission.ReadAlarms))
        {
            _alarmPump = await WatchAlarmsAsync();
            await CountAlarmsAsync();
        }

        await CountDevicesAsync();
    }

    /// <summary>The devices in most trouble (DOWN first, then most open alarms) and the sites with open alarms, read afresh.</summary>
    private async Task FindProblemsAsync()
    {
        var down = (await statusQueries.OverviewAsync("DOWN", DeviceStatusQueries.MaxItems, Caller, _closed.Token)).Items.Select(state => state.DeviceId).ToHashSet();
        var open = May(Permission.ReadAlarms)
            ? (await alarms.ListAsync("open", null, null, null, 1, OpenAlarmLimit, Caller, _closed.Token)).Items
            : [];
        var alarmsPerDevice = open.Where(alarm => alarm.DeviceId is not null).GroupBy(alarm => alarm.DeviceId!.Value).ToDictionary(group => group.Key, group => group.Count());
        var problems = new List<Problem>();
        foreach (var deviceId in down.Union(alarmsPerDevice.Keys)
                     .OrderByDescending(down.Contains).ThenByDescending(id => alarmsPerDevice.GetValueOrDefault(id)).ThenBy(id => id).Take(ProblemCount))
        {
            var name = (await devices.GetAsync(deviceId, Caller, _closed.Token)).Name;
            problems.Add(new Problem(deviceId, name, down.Contains(deviceId), alarmsPerDevice.GetValueOrDefault(deviceId)));
        }

        var siteList = (await SiteNames.LoadAsync(sites, Caller, _closed.Token)).Sites;
        _mapPoints = SiteMap.Place(siteList);
        _unplaced = siteList.Count - _mapPoints.Count;
        _alarmedSites = open.Select(alarm => alarm.SiteId).ToHashSet();
        _problems = problems;
    }

    private Task<LivePump<OutboxMessage>> WatchAlarmsAsync() =>
        liveAlarms.WatchAsync(Caller, _ => RecountAlarmsAsync(), async () =>
        {
            // Cut off as too slow: subscribe again and count afresh.
            _alarmPump = await WatchAlarmsAsync();
            await RecountAlarmsAsync();
        }, _closed.Token);

    private Task RecountAlarmsAsync() => InvokeAsync(async () =>
    {
        await CountAlarmsAsync();
        StateHasChanged();
    });

    private async Task CountDevicesAsync()
    {
        _devices = await statusQueries.OverviewAsync(null, 1, Caller, _closed.Token);
        await FindProblemsAsync();
    }

    private async Task CountAlarmsAsync()
    {
        var counts = new List<(EventPriority, long)>();
        foreach (var priority in Enum.GetValues<EventPriority>())
        {
            var page = await alarms.ListAsync("open", null, null, priority.ToText(), 1, 1, Caller, _closed.Token);
            counts.Add((priority, page.Total));
        }

        _alarms = counts;
        await FindProblemsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        if (_statusPump is not null)
        {
            await _statusPump.DisposeAsync();
        }

        if (_alarmPump is not null)
        {
            await _alarmPump.DisposeAsync();
        }

        _closed.Dispose();
    }
}
