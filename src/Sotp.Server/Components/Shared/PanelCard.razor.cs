using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Collectors.Satel;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Server.Satel;

namespace Sotp.Server.Components.Shared;

/// <summary>
/// The panel section of an ALARM_PANEL device page, through <see cref="PanelControl"/> as the panels API: what the panel
/// said about itself and its names (loaded again when the connection changes), and its live state from the worker's
/// memory, redrawn when it changes. The worker publishes no change feed, so the page looks at its in-memory snapshot
/// every second; that reads no store.
/// </summary>
public sealed partial class PanelCard(PanelControl control, ISnackbar snackbar, TimeProvider time) : IAsyncDisposable
{
    private const string Default = "default";
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long after a connection the names are looked for again: the worker reads them after it connects.</summary>
    private static readonly TimeSpan NamesWait = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _closed = new();
    private PanelDescriptionView? _description;
    private IReadOnlyList<PanelZoneEntry> _zones = [];
    private IReadOnlyList<PanelOutputEntry> _outputs = [];
    private SatelPanelSnapshot? _live;
    private string _liveShown = "";
    private string? _failure;
    private bool _saving;
    private bool _showAll;
    private DateTimeOffset? _namesBefore;
    private DateTimeOffset _namesUntil;
    private Task? _watch;

    [Parameter, EditorRequired]
    public long DeviceId { get; set; }

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>The role may change zone priorities (ControlPanels, as the API asks).</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>What keeps the panel from answering, or why nothing watches it here.</summary>
    private string? Problem => _live is { } live ? live.Problem : control.WhyNotWatched(DeviceId);

    private string ConnectionText => (_live?.Connection)?.ToText() ?? "UNKNOWN";

    private Color ConnectionColour => _live?.Connection switch
    {
        SatelConnectionStatus.Connected => Color.Success,
        SatelConnectionStatus.Connecting or SatelConnectionStatus.Released => Color.Info,
        null => Color.Default,
        _ => Color.Error,
    };

    protected override async Task OnInitializedAsync()
    {
        _live = control.Live(DeviceId);
        _liveShown = Fingerprint(_live);
        await LoadAsync();
        if (_live?.Connection == SatelConnectionStatus.Connected && _description is { Versions: { } versions } description
            && (description.NamesReadAt is not { } read || read < versions.ReadAt))
        {
            WaitForNames(); // Connected a moment ago: the names are still being read.
        }

        _watch = WatchAsync(_closed.Token);
    }

    private async Task LoadAsync()
    {
        _failure = await PageLoad.RunAsync(async () =>
        {
            _description = await control.DescriptionAsync(DeviceId, Caller, _closed.Token);
            _zones = await control.ZonesAsync(DeviceId, Caller, _closed.Token);
            _outputs = await control.OutputsAsync(DeviceId, Caller, _closed.Token);
        });
    }

    private async Task WatchAsync(CancellationToken closed)
    {
        using var timer = new PeriodicTimer(LiveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(closed))
            {
                var live = control.Live(DeviceId);
                var shown = Fingerprint(live);
                var reconnected = live?.Connection != _live?.Connection;
                var namesDue = _namesUntil > time.GetUtcNow();
                if (shown == _liveShown && !namesDue)
                {
                    continue;
                }

                await InvokeAsync(async () =>
                {
                    _live = live;
                    _liveShown = shown;
                    if (reconnected && live?.Connection == SatelConnectionStatus.Connected)
                    {
                        WaitForNames();
                    }

                    if (reconnected || namesDue)
                    {
                        await LoadAsync();
                        if (_description?.NamesReadAt != _namesBefore)
                        {
                            _namesUntil = default;
                        }
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <summary>Versions and names are read on each connection, a while after it: the description is loaded again until they change.</summary>
    private void WaitForNames()
    {
        _namesBefore = _description?.NamesReadAt;
        _namesUntil = time.GetUtcNow() + NamesWait;
    }

    private async Task SetPriorityAsync(int zone, string value)
    {
        _saving = true;
        try
        {
            EventPriority? priority = value == Default ? null : EnumText.Parse<EventPriority>(value);
            await control.SetZonePriorityAsync(DeviceId, zone, priority, Caller, _closed.Token);
            snackbar.Add(priority is null ? T["Zone {0} raises its default now.", zone] : T["Zone {0} raises {1} now.", zone, priority.Value.ToText()], Severity.Success);
            _zones = await control.ZonesAsync(DeviceId, Caller, _closed.Token);
        }
        catch (DomainException ex)
        {
            snackbar.Add(FormErrors.Describe(ex), Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>The live status when the worker runs here, else what the loaded lists said (UNKNOWN).</summary>
    private SatelZoneStatus ZoneStatus(PanelZoneEntry zone) =>
        _live is { } live ? live.Zones.GetValueOrDefault(zone.Number, SatelZoneStatus.Unknown) : zone.Status;

    private SatelPartitionStatus PartitionStatus(int number, SatelPartitionStatus loaded) =>
        _live is { } live ? live.Partitions.GetValueOrDefault(number, SatelPartitionStatus.Unknown) : loaded;

    /// <summary>A panel has up to 256 zones and 32 partitions: by default only those named, overridden or not at rest.</summary>
    private IEnumerable<PanelZoneEntry> ShownZones => _showAll ? _zones
        : _zones.Where(zone => zone.Name is not null || zone.PriorityOverride is not null || ZoneStatus(zone) is not (SatelZoneStatus.Normal or SatelZoneStatus.Unknown));

    private IEnumerable<PanelDescriptionView.PartitionEntry> ShownPartitions => _showAll ? _description?.Partitions ?? []
        : (_description?.Partitions ?? []).Where(partition => partition.Name is not null
            || PartitionStatus(partition.Number, partition.Status) is not (SatelPartitionStatus.Disarmed or SatelPartitionStatus.Unknown));

    private int Hidden => _zones.Count - ShownZones.Count() + (_description?.Partitions.Count ?? 0) - ShownPartitions.Count();

    private bool? OutputOn(PanelOutputEntry output) => _live is { Stale: false } live ? live.Outputs.Contains(output.Number) : output.On;

    private static Color Colour(SatelZoneStatus status) => status switch
    {
        SatelZoneStatus.Normal => Color.Success,
        SatelZoneStatus.Unknown => Color.Default,
        SatelZoneStatus.Bypassed => Color.Info,
        SatelZoneStatus.Violated or SatelZoneStatus.Tamper => Color.Warning,
        _ => Color.Error,
    };

    private static Color Colour(SatelPartitionStatus status) => status switch
    {
        SatelPartitionStatus.Disarmed => Color.Success,
        SatelPartitionStatus.Armed => Color.Primary,
        SatelPartitionStatus.Unknown => Color.Default,
        SatelPartitionStatus.ExitTime or SatelPartitionStatus.EntryTime => Color.Warning,
        _ => Color.Error,
    };

    private static string Fingerprint(SatelPanelSnapshot? live) => live is null
        ? ""
        : string.Join('|', live.Connection, live.Stale, live.Problem,
            string.Join(',', live.Partitions.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")),
            string.Join(',', live.Zones.OrderBy(z => z.Key).Select(z => $"{z.Key}={z.Value}")),
            string.Join(',', live.Outputs.Order()));

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        if (_watch is not null)
        {
            await _watch;
        }

        _closed.Dispose();
    }
}
