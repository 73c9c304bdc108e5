using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Core.Events;
using Sotp.Core.Monitoring;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// Device status counts and open alarms by priority, kept current by the status board's and the live feed's
/// changes (each batch of changes recounts; nothing polls).
/// </summary>
public sealed partial class Overview(DeviceStatusQueries statusQueries, DeviceStatusBoard board, AlarmService alarms, LiveAlarms liveAlarms)
{
    private readonly CancellationTokenSource _closed = new();
    private StatusOverview _devices = new(0, 0, 0, []);
    private List<(EventPriority Priority, long Count)>? _alarms;
    private LivePump<StatusChange>? _statusPump;
    private LivePump<OutboxMessage>? _alarmPump;

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

    private async Task CountDevicesAsync() =>
        _devices = await statusQueries.OverviewAsync(null, 1, Caller, _closed.Token);

    private async Task CountAlarmsAsync()
    {
        var counts = new List<(EventPriority, long)>();
        foreach (var priority in Enum.GetValues<EventPriority>())
        {
            var page = await alarms.ListAsync("open", null, null, priority.ToText(), 1, 1, Caller, _closed.Token);
            counts.Add((priority, page.Total));
        }

        _alarms = counts;
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
