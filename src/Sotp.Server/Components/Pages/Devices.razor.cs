using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.Monitoring;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// The inventory, paged, sorted and filtered by <see cref="DeviceService"/> (the server holds one page, never the
/// whole list), with each row's status dot from the <see cref="DeviceStatusBoard"/>, redrawn when a shown device changes.
/// </summary>
public sealed partial class Devices(DeviceService devices, SiteService sites, DeviceStatusBoard board)
{
    private readonly CancellationTokenSource _closed = new();
    private MudTable<Device>? _table;
    private SiteNames _siteNames = SiteNames.None;
    private HashSet<long> _shown = [];
    private LivePump<StatusChange>? _pump;
    private string? _search;
    private string? _kind;
    private bool _canWrite;

    /// <summary>The search to start with: after a create, the new device.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    protected override async Task OnConsoleInitializedAsync()
    {
        _search = Query;
        _canWrite = May(Permission.WriteInventory);
        _siteNames = await SiteNames.LoadAsync(sites, Caller, _closed.Token);
        _pump = new LivePump<StatusChange>(board.Subscribe(_closed.Token), changes =>
            changes.Any(change => _shown.Contains(change.DeviceId)) ? InvokeAsync(StateHasChanged) : Task.CompletedTask);
    }

    private async Task<TableData<Device>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await devices.ListAsync(TableQuery.From(state, _search), null, _kind, null, null, Caller, cancellationToken);
        _shown = page.Items.Select(device => device.Id).ToHashSet();
        return TableQuery.Data(page);
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task KindChangedAsync(string? kind)
    {
        _kind = kind;
        await ReloadAsync();
    }

    private DeviceStatus Status(long deviceId) => board.Get(deviceId).Status;

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
