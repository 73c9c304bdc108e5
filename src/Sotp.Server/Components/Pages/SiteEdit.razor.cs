using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// Creates a site, or edits one at the version it loaded, through <see cref="SiteService"/> (checked and audited as for
/// the API). Service mode, contacts and procedures are changed on the site's page and go back here unchanged.
/// </summary>
public sealed partial class SiteEdit(SiteService sites, NavigationManager navigation, ISnackbar snackbar)
{
    private readonly FormErrors _errors = new();
    private SiteForm _form = new();
    private bool _loading = true;
    private string? _failure;

    [Parameter]
    public long? Id { get; set; }

    private bool IsNew => Id is null;

    private string Title => IsNew ? T["New site"] : T["Edit {0}", _form.Name ?? ""];

    protected override Task OnConsoleInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _errors.Clear();
        _failure = await PageLoad.RunAsync(async () =>
            _form = Id is { } id ? SiteForm.From(await sites.GetAsync(id, Caller, CancellationToken.None)) : new SiteForm());
        _loading = false;
    }

    private async Task SaveAsync()
    {
        await _errors.RunAsync(async () =>
        {
            var site = Id is { } id
                ? await sites.UpdateAsync(id, _form.ToInput(), null, Caller, CancellationToken.None)
                : await sites.CreateAsync(_form.ToInput(), Caller, CancellationToken.None);
            snackbar.Add(IsNew ? T["Site {0} created.", site.Name] : T["Site {0} saved.", site.Name], Severity.Success);
            navigation.NavigateTo($"/sites/{site.Id}");
        });
    }

    private sealed class SiteForm
    {
        private Site? _stored;

        public string? Name { get; set; }

        public string? Type { get; set; }

        public string? Address { get; set; }

        public double? Latitude { get; set; }

        public double? Longitude { get; set; }

        public string? Status { get; set; } = SiteStatus.Active.ToText();

        public string? Notes { get; set; }

        public static SiteForm From(Site site) => new()
        {
            _stored = site,
            Name = site.Name,
            Type = site.Type,
            Address = site.Address,
            Latitude = site.Latitude,
            Longitude = site.Longitude,
            Status = site.Status.ToText(),
            Notes = site.Notes,
        };

        public SiteInput ToInput() => SiteInputs.From(_stored) with
        {
            Name = Name, Type = Type, Address = Address, Latitude = Latitude, Longitude = Longitude, Status = Status, Notes = Notes,
        };
    }
}
