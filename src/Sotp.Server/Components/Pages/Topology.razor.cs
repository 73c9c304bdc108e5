using System.Globalization;
using Sotp.Core.Monitoring;
using Sotp.Core.Sites;
using Sotp.Core.Topology;
using Sotp.Server.Components.Shared;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// The network as an SVG graph through <see cref="TopologyQueries"/> (as GET /api/v1/topology): devices coloured by their
/// live status (from the status board's changes, nothing polls), declared parents and LLDP links; a site filter.
/// </summary>
public sealed partial class Topology(TopologyQueries topology, SiteService siteService, DeviceStatusBoard board) : IAsyncDisposable
{
    /// <summary>Above this a drawing says nothing a person can read: the page asks for a site instead.</summary>
    private const int MaxNodes = 400;
    private const int NameLength = 20;

    private readonly CancellationTokenSource _closed = new();
    private SiteNames _sites = SiteNames.None;
    private long _siteId;
    private TopologyView? _view;
    private TopologyLayout.Drawing? _drawing;
    private LivePump<StatusChange>? _pump;
    private string? _failure;

    protected override async Task OnConsoleInitializedAsync()
    {
        _sites = await SiteNames.LoadAsync(siteService, Caller, _closed.Token);
        _pump = new LivePump<StatusChange>(board.Subscribe(_closed.Token), changes =>
            _drawing is { } drawing && changes.Any(change => drawing.Nodes.ContainsKey(change.DeviceId)) ? InvokeAsync(StateHasChanged) : Task.CompletedTask);
        await LoadAsync();
    }

    private async Task SiteChangedAsync(long siteId)
    {
        _siteId = siteId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _failure = await PageLoad.RunAsync(async () =>
        {
            _view = await topology.GetAsync(_siteId > 0 ? _siteId : null, Caller, _closed.Token);
            _drawing = TopologyLayout.Place(_view);
        });
    }

    /// <summary>The status now, not the one the graph was loaded with.</summary>
    private DeviceStatus StatusOf(TopologyNode node) => board.Get(node.Id).Status;

    private static string Colour(DeviceStatus status) => status switch
    {
        DeviceStatus.Up => "#2e7d32",
        DeviceStatus.Down => "#c62828",
        _ => "#9e9e9e",
    };

    private static string LinkTitle(TopologyEdge link, TopologyLayout.Placed from, TopologyLayout.Placed to) => link.Kind == TopologyLinkKind.Lldp
        ? $"LLDP: {from.Node.Name} {link.FromPort} ↔ {to.Node.Name} {link.ToPort ?? "?"}"
        : $"{from.Node.Name} depends on {to.Node.Name}";

    private static string Short(string name) => name.Length <= NameLength ? name : name[..(NameLength - 1)] + "…";

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

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
