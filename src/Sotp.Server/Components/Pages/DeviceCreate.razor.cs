using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// Creates a device through <see cref="DeviceService"/>, which checks and audits it as for the API; its validation
/// messages show under the fields they name.
/// </summary>
public sealed partial class DeviceCreate(DeviceService devices, SiteService sites, NavigationManager navigation, ISnackbar snackbar)
{
    private readonly DeviceForm _form = new();
    private SiteNames _siteNames = SiteNames.None;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _error;
    private bool _busy;

    protected override async Task OnConsoleInitializedAsync()
    {
        _siteNames = await SiteNames.LoadAsync(sites, Caller, CancellationToken.None);
        _form.SiteId = _siteNames.Sites.Count == 1 ? _siteNames.Sites[0].Id : null;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? For(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(' ', messages) : null;

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var device = await devices.CreateAsync(_form.ToInput(), Caller, CancellationToken.None);
            snackbar.Add($"Device {device.Name} created.", Severity.Success);
            navigation.NavigateTo($"/devices?q={Uri.EscapeDataString(device.Name)}");
        }
        catch (ValidationException ex)
        {
            _errors = ex.Errors;
        }
        catch (DomainException ex) when (ex.Field is { } field)
        {
            _errors = new Dictionary<string, string[]> { [field] = [ex.Message] };
        }
        catch (DomainException ex)
        {
            _errors = new Dictionary<string, string[]>();
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class DeviceForm
    {
        public long? SiteId { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; } = DeviceKind.Server.ToText();

        public string? Address { get; set; }

        public string? Vendor { get; set; }

        public string? Model { get; set; }

        public string? Tags { get; set; }

        public DeviceInput ToInput() => new(SiteId, Name, Kind, Address, Vendor, Model,
            Tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
