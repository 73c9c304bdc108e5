using MudBlazor;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// The operators' queue: every alarm not yet closed, most urgent first, then oldest, changed live from the feed.
/// Each step goes through <see cref="AlarmService"/> with the version on screen; a stale one says "data changed".
/// </summary>
public sealed partial class Alarms(AlarmService alarms, LiveAlarms liveAlarms, SiteService sites, IDialogService dialogs, TimeProvider time)
{
    /// <summary>The queue shows RESOLVED alarms too, until someone closes them (or auto-close does).</summary>
    private const string QueueStates = "NEW,CLAIMING,IN_PROGRESS,ACK,RESOLVED";
    private const int QueueLimit = 500;

    private readonly CancellationTokenSource _closed = new();
    private readonly Dictionary<long, Alarm> _queue = [];
    private SiteNames _siteNames = SiteNames.None;
    private LivePump<OutboxMessage>? _pump;
    private bool _canHandle;
    private bool _busy;
    private bool _conflict;
    private string? _error;

    private IEnumerable<Alarm> Queue => _queue.Values.OrderBy(alarm => alarm.Priority).ThenBy(alarm => alarm.OpenedAt).ThenBy(alarm => alarm.Id);

    protected override async Task OnConsoleInitializedAsync()
    {
        _canHandle = May(Permission.HandleAlarms);
        _siteNames = await SiteNames.LoadAsync(sites, Caller, _closed.Token);
        await WatchAsync();
    }

    /// <summary>Subscribes first, then loads: a change in between arrives as a message and is applied by version.</summary>
    private async Task WatchAsync()
    {
        _pump = await liveAlarms.WatchAsync(Caller, changed => InvokeAsync(() =>
        {
            foreach (var alarm in changed)
            {
                Apply(alarm);
            }

            StateHasChanged();
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
        catch (ValidationException ex)
        {
            _error = string.Join(' ', ex.Errors.Values.SelectMany(messages => messages));
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
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
        var dialog = await dialogs.ShowAsync<AckDialog>("Acknowledge alarm", parameters);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string note } ? note : null;
    }

    /// <summary>Marks each row with its alarm, for the browser tests and for styling.</summary>
    private static string RowClass(Alarm alarm, int index) => $"alarm-{alarm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private string Age(Alarm alarm)
    {
        var age = time.GetUtcNow() - alarm.OpenedAt;
        return age.TotalMinutes < 1 ? "now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} d {age.Hours} h";
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        if (_pump is not null)
        {
            await _pump.DisposeAsync();
        }

        _closed.Dispose();
    }
}
