using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core.Auth;
using Sotp.Core.History;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// One site: its record, service mode, call list, procedures, devices and history. Every change goes through
/// <see cref="SiteService"/> at the version shown; a stale one says "Data changed — refresh".
/// </summary>
public sealed partial class SiteDetail(SiteService sites, IDialogService dialogs, NavigationManager navigation, ISnackbar snackbar, TimeProvider time)
{
    private readonly FormErrors _errors = new();
    private Site? _site;
    private IReadOnlyList<SiteContact> _contacts = [];
    private IReadOnlyList<SiteProcedure> _procedures = [];
    private IReadOnlyList<HistoryEntry> _history = [];
    private string? _failure;
    private bool _canWrite;
    private bool _serviceStarting;
    private string? _serviceReason;
    private int _serviceHours = 4;

    [Parameter]
    public long Id { get; set; }

    private bool ServiceActive => _site?.ServiceMode?.IsActiveAt(time.GetUtcNow()) == true;

    protected override Task OnConsoleInitializedAsync()
    {
        _canWrite = May(Permission.WriteInventory);
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _errors.Clear();
        _failure = await PageLoad.RunAsync(async () =>
        {
            var site = await sites.GetAsync(Id, Caller, CancellationToken.None);
            _contacts = await sites.ContactsAsync(Id, Caller, CancellationToken.None);
            _procedures = await sites.ProceduresAsync(Id, Caller, CancellationToken.None);
            _history = await sites.HistoryAsync(Id, Caller, CancellationToken.None);
            _site = site;
        });
    }

    private async Task ContactsSaved((Site Site, IReadOnlyList<SiteContact> Contacts) saved)
    {
        _contacts = saved.Contacts;
        await SavedAsync(saved.Site);
    }

    private async Task ProceduresSaved((Site Site, IReadOnlyList<SiteProcedure> Procedures) saved)
    {
        _procedures = saved.Procedures;
        await SavedAsync(saved.Site);
    }

    /// <summary>The new version, and the history line the change added.</summary>
    private async Task SavedAsync(Site site)
    {
        _site = site;
        _history = await sites.HistoryAsync(Id, Caller, CancellationToken.None);
    }

    private async Task ServiceSwitchedAsync(bool on)
    {
        if (on || !ServiceActive)
        {
            _serviceStarting = on;
            return;
        }

        await ChangeServiceModeAsync(SiteInputs.From(_site) with { ServiceFrom = null, ServiceUntil = null, ServiceReason = null }, T["Service mode ended."]);
    }

    private Task StartServiceAsync()
    {
        var now = time.GetUtcNow();
        return ChangeServiceModeAsync(SiteInputs.From(_site) with
        {
            ServiceFrom = now,
            ServiceUntil = _serviceHours > 0 ? now.AddHours(_serviceHours) : null,
            ServiceReason = _serviceReason,
        }, T["Service mode started."]);
    }

    private async Task ChangeServiceModeAsync(SiteInput input, string done)
    {
        if (await _errors.RunAsync(async () => await SavedAsync(await sites.UpdateAsync(Id, input, null, Caller, CancellationToken.None))))
        {
            _serviceStarting = false;
            _serviceReason = null;
            snackbar.Add(done, Severity.Success);
        }
    }

    private async Task DeleteAsync()
    {
        if (_site is not { } site || await dialogs.ShowMessageBoxAsync(T["Delete site"], T["Delete {0}?", site.Name], yesText: T["Delete"], cancelText: T["Cancel"]) != true)
        {
            return;
        }

        await _errors.RunAsync(async () =>
        {
            await sites.DeleteAsync(site.Id, site.Version, Caller, CancellationToken.None);
            snackbar.Add(T["Site {0} deleted.", site.Name], Severity.Success);
            navigation.NavigateTo("/sites");
        });
    }
}
