using System.Globalization;
using Microsoft.JSInterop;
using MudBlazor;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// The operators' queue: every alarm not yet closed, most urgent first, then oldest, changed live from the feed.
/// Each step goes through <see cref="AlarmService"/> with the version on screen; a stale one says "data changed".
/// Keys move a selection and take the selected alarm's next step; a new CRITICAL alarm (not silent) sounds.
/// </summary>
public sealed partial class Alarms(AlarmService alarms, LiveAlarms liveAlarms, SiteService sites, DeviceService devices, IDialogService dialogs,
    IJSRuntime js, TimeProvider time)
{
    /// <summary>The page renders a new freshness stamp this often while its circuit and feed are alive; console.js calls 30 s without one stale.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    /// <summary>The queue shows RESOLVED alarms too, until someone closes them (or auto-close does).</summary>
    private const string QueueStates = "NEW,CLAIMING,IN_PROGRESS,ACK,RESOLVED";
    private const int QueueLimit = 500;

    private readonly CancellationTokenSource _closed = new();
    private readonly Dictionary<long, Alarm> _queue = [];
    private SiteNames _siteNames = SiteNames.None;
    private LivePump<OutboxMessage>? _pump;
    private bool _canHandle;
    private bool _busy;
    private readonly Dictionary<long, string> _deviceNames = [];
    private DotNetObjectReference<Alarms>? _self;
    private ITimer? _heartbeat;
    private DateTimeOffset _freshAt;
    private long? _selectedId;
    private bool _muted;
    private bool _conflict;
    private string? _error;

    private IEnumerable<Alarm> Queue => _queue.Values.OrderBy(alarm => alarm.Priority).ThenBy(alarm => alarm.OpenedAt).ThenBy(alarm => alarm.Id);

    protected override async Task OnConsoleInitializedAsync()
    {
        _canHandle = May(Permission.HandleAlarms);
        _siteNames = await SiteNames.LoadAsync(sites, Caller, _closed.Token);
        await WatchAsync();
        _freshAt = time.GetUtcNow();
        _heartbeat = time.CreateTimer(_ => InvokeAsync(() =>
        {
            _freshAt = time.GetUtcNow();
            StateHasChanged();
        }), null, Heartbeat, Heartbeat);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _canHandle)
        {
            _self = DotNetObjectReference.Create(this);
            await js.InvokeVoidAsync("sotpConsole.attachAlarmKeys", _self);
        }
    }

    /// <summary>Subscribes first, then loads: a change in between arrives as a message and is applied by version.</summary>
    private async Task WatchAsync()
    {
        _pump = await liveAlarms.WatchAsync(Caller, changed => InvokeAsync(async () =>
        {
            var sound = false;
            foreach (var alarm in changed)
            {
                sound |= IsNewLoudCritical(alarm);
                Apply(alarm);
            }

            await NameDevicesAsync(changed);
            _freshAt = time.GetUtcNow();
            StateHasChanged();
            if (sound && !_muted)
            {
                await js.InvokeVoidAsync("sotpConsole.playCritical");
            }
        }), () => InvokeAsync(async () =>
        {
            await WatchAsync();
            StateHasChanged();
        }), _closed.Token);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var page = await alarms.ListAsync(QueueStates, null, null, null, 1, QueueLimit, Caller, _closed.Token);
        _queue.Clear();
        foreach (var alarm in page.Items)
        {
            _queue[alarm.Id] = alarm;
        }

        await NameDevicesAsync(page.Items);
    }

    /// <summary>A CRITICAL alarm the page has not shown yet; one raised in service mode is silent.</summary>
    private bool IsNewLoudCritical(Alarm alarm) =>
        alarm is { Priority: EventPriority.Critical, Silent: false, State: AlarmState.New } && !_queue.ContainsKey(alarm.Id);

    /// <summary>The names of devices that correlated alarms affect, read once each (a device the user may not see keeps its id).</summary>
    private async Task NameDevicesAsync(IEnumerable<Alarm> shown)
    {
        foreach (var deviceId in shown.SelectMany(alarm => alarm.AffectedDeviceIds).Distinct().Where(id => !_deviceNames.ContainsKey(id)).ToList())
        {
            try
            {
                _deviceNames[deviceId] = (await devices.GetAsync(deviceId, Caller, _closed.Token)).Name;
            }
            catch (DomainException ex) when (ex.Kind == ErrorKind.NotFound)
            {
                _deviceNames[deviceId] = "#" + deviceId.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private string DeviceName(long deviceId) => _deviceNames.TryGetValue(deviceId, out var name) ? name : "#" + deviceId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A key from console.js: j/k move the selection, the others take that step on the selected alarm when it is the one offered.</summary>
    [JSInvokable]
    public async Task OnKeyAsync(string key)
    {
        var queue = Queue.ToList();
        if (queue.Count == 0)
        {
            return;
        }

        var index = queue.FindIndex(alarm => alarm.Id == _selectedId);
        switch (key)
        {
            case "j":
                _selectedId = queue[index < 0 ? 0 : Math.Min(index + 1, queue.Count - 1)].Id;
                break;
            case "k":
                _selectedId = queue[index <= 0 ? 0 : index - 1].Id;
                break;
            default:
                var step = key switch
                {
                    "c" => AlarmStep.Claim,
                    "s" => AlarmStep.Start,
                    "a" => AlarmStep.Acknowledge,
                    "r" => AlarmStep.Resolve,
                    _ => AlarmStep.Close,
                };
                if (index >= 0 && !_busy && AlarmSteps.Next(queue[index], Caller) == step)
                {
                    await StepAsync(queue[index], step);
                }

                break;
        }

        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        _conflict = false;
        _error = null;
        await LoadAsync();
    }

    /// <summary>Keeps the newest version of each alarm; a closed one leaves the queue.</summary>
    private void Apply(Alarm alarm)
    {
        if (_queue.TryGetValue(alarm.Id, out var held) && held.Version >= alarm.Version)
        {
            return;
        }

        if (alarm.State == AlarmState.Closed)
        {
            _queue.Remove(alarm.Id);
        }
        else
        {
            _queue[alarm.Id] = alarm;
        }
    }

    private async Task StepAsync(Alarm alarm, AlarmStep step)
    {
        string? note = null;
        if (step == AlarmStep.Acknowledge && (note = await AskNoteAsync(alarm)) is null)
        {
            return;
        }

        _busy = true;
        try
        {
            Apply(await (step switch
            {
                AlarmStep.Claim => alarms.ClaimAsync(alarm.Id, alarm.Version, Caller, _closed.Token),
                AlarmStep.Start => alarms.StartAsync(alarm.Id, alarm.Version, Caller, _closed.Token),
                AlarmStep.Acknowledge => alarms.AcknowledgeAsync(alarm.Id, alarm.Version, note, Caller, _closed.Token),
                AlarmStep.Resolve => alarms.ResolveAsync(alarm.Id, alarm.Version, Caller, _closed.Token),
                _ => alarms.CloseAsync(alarm.Id, alarm.Version, Caller, _closed.Token),
            }));
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.VersionConflict)
        {
            _conflict = true;
        }
        catch (DomainException ex)
        {
            _error = ErrorText.Of(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<string?> AskNoteAsync(Alarm alarm)
    {
        var parameters = new DialogParameters<AckDialog>
        {
            { dialog => dialog.Title, alarm.Title },
            { dialog => dialog.RequiresNote, alarm.RequiresNote },
        };
        var dialog = await dialogs.ShowAsync<AckDialog>(T["Acknowledge alarm"], parameters);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string note } ? note : null;
    }

    /// <summary>Marks each row with its alarm, for the browser tests and for styling, and the row the keys act on.</summary>
    private string RowClass(Alarm alarm, int index) =>
        $"alarm-{alarm.Id.ToString(CultureInfo.InvariantCulture)}" + (alarm.Id == _selectedId ? " sotp-selected" : "");

    private string Age(Alarm alarm)
    {
        var age = time.GetUtcNow() - alarm.OpenedAt;
        return age.TotalMinutes < 1 ? T["now"]
            : age.TotalHours < 1 ? T["{0} min", (int)age.TotalMinutes]
            : age.TotalDays < 1 ? T["{0} h {1} min", (int)age.TotalHours, age.Minutes]
            : T["{0} d {1} h", (int)age.TotalDays, age.Hours];
    }

    public async ValueTask DisposeAsync()
    {
        _heartbeat?.Dispose();
        if (_self is not null)
        {
            try
            {
                await js.InvokeVoidAsync("sotpConsole.detachAlarmKeys");
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone, and its key handler with it.
            }

            _self.Dispose();
        }

        await _closed.CancelAsync();
        if (_pump is not null)
        {
            await _pump.DisposeAsync();
        }

        _closed.Dispose();
    }
}
