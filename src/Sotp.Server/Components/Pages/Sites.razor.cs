using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages;

/// <summary>The sites the user may see, paged, sorted and searched by <see cref="SiteService"/> on the server.</summary>
public sealed partial class Sites(SiteService sites)
{
    private MudTable<Site>? _table;
    private string? _search;
    private string? _status;
    private string? _failure;
    private bool _canWrite;

    /// <summary>The search to start with: after a create, the new site.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    protected override Task OnConsoleInitializedAsync()
    {
        _search = Query;
        _canWrite = May(Permission.WriteInventory);
        return Task.CompletedTask;
    }

    private async Task<TableData<Site>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await sites.ListAsync(TableQuery.From(state, _search), _status, Caller, cancellationToken);
            _failure = null;
            return TableQuery.Data(page);
        }
        catch (DomainException ex)
        {
            _failure = ex.Message;
            return new TableData<Site> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task StatusChangedAsync(string? status)
    {
        _status = status;
        await ReloadAsync();
    }
}
