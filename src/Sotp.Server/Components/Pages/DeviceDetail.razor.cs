using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.History;
using Sotp.Core.Monitoring;
using Sotp.Core.Series;
using Sotp.Core.Sites;
using Sotp.Core.Snmp;
using Sotp.Server.Components.Shared;
using Sotp.Server.Monitoring;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// One device: its record, its live status (from the status board's changes, nothing polls), charts of its series
/// through <see cref="SeriesQueries"/>, the interfaces of the last SNMP poll, and its change history. Edit and
/// delete for roles that may write the inventory, at the version shown.
/// </summary>
public sealed partial class DeviceDetail(
    DeviceService devices, SiteService sites, SnmpQueries snmp, SeriesQueries series, DeviceStatusBoard board,
    IDialogService dialogs, NavigationManager navigation, ISnackbar snackbar, TimeProvider time)
{
    private readonly CancellationTokenSource _closed = new();
    private readonly FormErrors _errors = new();
    private Device? _device;
    private string? _siteName;
    private DeviceState _state = default!;
    private SnmpDeviceView _snmp = SnmpDeviceView.NotPolled(0, "not read yet");
    private IReadOnlyList<HistoryEntry> _history = [];
    private IReadOnlyList<ChartLine> _rttLines = [];
    private IReadOnlyList<ChartLine> _lossLines = [];
    private IReadOnlyList<ChartLine> _hostLines = [];
    private IReadOnlyList<string> _interfaceNames = [];
    private string? _interface;
    private TimeRange _range = default!;
    private LivePump<StatusChange>? _pump;
    private string? _failure;
    private bool _canWrite;

    [Parameter]
    public long Id { get; set; }

    private IReadOnlyList<ChartLine> TrafficLines => _interface is { } name
        ? [new ChartLine("in", Key(SnmpSeriesNames.InBps, SnmpSeriesNames.InterfaceLabel(name))), new ChartLine("out", Key(SnmpSeriesNames.OutBps, SnmpSeriesNames.InterfaceLabel(name)))]
        : [];

    protected override async Task OnConsoleInitializedAsync()
    {
        _canWrite = May(Permission.WriteInventory);
        var (label, length) = TimeRange.Presets[0];
        _range = TimeRange.Last(label, length, time.GetUtcNow());
        _state = board.Get(Id);
        _pump = new LivePump<StatusChange>(board.Subscribe(_closed.Token), changes =>
            changes.Any(change => change.DeviceId == Id) ? InvokeAsync(() =>
            {
                _state = board.Get(Id);
                StateHasChanged();
            }) : Task.CompletedTask);
        _rttLines = [new ChartLine("RTT", Key(IcmpMonitor.SeriesNames.RttMs))];
        _lossLines = [new ChartLine("loss", Key(IcmpMonitor.SeriesNames.LossPercent))];
        _hostLines = [new ChartLine("CPU", Key(SnmpSeriesNames.CpuPercent)), new ChartLine("memory", Key(SnmpSeriesNames.MemoryUsedPercent))];
        await LoadAsync();
    }

    private SeriesKey Key(string metric, string labels = "") => new(Id, metric, labels);

    private async Task LoadAsync()
    {
        _errors.Clear();
        _failure = await PageLoad.RunAsync(async () =>
        {
            var device = await devices.GetAsync(Id, Caller, _closed.Token);
            _siteName = (await sites.GetAsync(device.SiteId, Caller, _closed.Token)).Name;
            _snmp = await snmp.GetAsync(Id, Caller, _closed.Token);
            _history = await devices.HistoryAsync(Id, Caller, _closed.Token);
            _interfaceNames = await InterfaceNamesAsync();
            _interface = _interfaceNames.Contains(_interface) ? _interface : (_interfaceNames.Count > 0 ? _interfaceNames[0] : null);
            _state = board.Get(Id);
            _device = device;
        });
    }

    /// <summary>The interfaces of the last poll, and those that only have series (polled before, or on another node).</summary>
    private async Task<IReadOnlyList<string>> InterfaceNamesAsync()
    {
        var fromSeries = (await series.LatestAsync(Id, Caller, _closed.Token))
            .Where(value => value.Metric == SnmpSeriesNames.InBps && value.Labels.StartsWith("interface=", StringComparison.Ordinal))
            .Select(value => value.Labels["interface=".Length..]);
        return _snmp.Interfaces.Select(view => view.Name).Concat(fromSeries).Distinct().ToList();
    }

    private async Task DeleteAsync()
    {
        if (_device is not { } device || await dialogs.ShowMessageBoxAsync(T["Delete device"], T["Delete {0}? Its series stay until retention removes them.", device.Name], yesText: T["Delete"], cancelText: T["Cancel"]) != true)
        {
            return;
        }

        await _errors.RunAsync(async () =>
        {
            await devices.DeleteAsync(device.Id, device.Version, Caller, _closed.Token);
            snackbar.Add(T["Device {0} deleted.", device.Name], Severity.Success);
            navigation.NavigateTo("/devices");
        });
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
