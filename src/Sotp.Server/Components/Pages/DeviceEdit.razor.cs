using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// Creates a device, or edits one at the version it loaded, through <see cref="DeviceService"/>, which checks and
/// audits it as for the API; its validation messages show under the fields they name, a stale version as "Data changed".
/// </summary>
public sealed partial class DeviceEdit(DeviceService devices, SiteService sites, NavigationManager navigation, ISnackbar snackbar)
{
    private readonly FormErrors _errors = new();
    private DeviceForm _form = new();
    private SiteNames _siteNames = SiteNames.None;
    private bool _loading = true;
    private string? _failure;

    /// <summary>The device to edit; none for a new one.</summary>
    [Parameter]
    public long? Id { get; set; }

    private bool IsNew => Id is null;

    private string Title => IsNew ? T["New device"] : T["Edit {0}", _form.Name ?? ""];

    protected override async Task OnConsoleInitializedAsync()
    {
        _siteNames = await SiteNames.LoadAsync(sites, Caller, CancellationToken.None);
        await LoadAsync();
    }

    /// <summary>The form as stored now: at the start, and after "Data changed — refresh" (what was typed is replaced).</summary>
    private async Task LoadAsync()
    {
        _errors.Clear();
        _failure = await PageLoad.RunAsync(async () =>
        {
            _form = Id is { } id
                ? DeviceForm.From(await devices.GetAsync(id, Caller, CancellationToken.None))
                : new DeviceForm { SiteId = _siteNames.Sites.Count == 1 ? _siteNames.Sites[0].Id : null };
        });
        _loading = false;
    }

    private async Task SaveAsync()
    {
        await _errors.RunAsync(async () =>
        {
            var device = Id is { } id
                ? await devices.UpdateAsync(id, _form.ToInput(), null, Caller, CancellationToken.None)
                : await devices.CreateAsync(_form.ToInput(), Caller, CancellationToken.None);
            snackbar.Add(IsNew ? T["Device {0} created.", device.Name] : T["Device {0} saved.", device.Name], Severity.Success);
            navigation.NavigateTo(IsNew ? $"/devices?q={Uri.EscapeDataString(device.Name)}" : $"/devices/{device.Id}");
        });
    }

    /// <summary>The fields the form shows; the rest of a stored device (parent, intervals, credentials) goes back unchanged.</summary>
    private sealed class DeviceForm
    {
        private Device? _stored;

        public long? SiteId { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; } = DeviceKind.Server.ToText();

        public string? Address { get; set; }

        public string? Vendor { get; set; }

        public string? Model { get; set; }

        public string? Tags { get; set; }

        public bool Enabled { get; set; } = true;

        public static DeviceForm From(Device device) => new()
        {
            _stored = device,
            SiteId = device.SiteId,
            Name = device.Name,
            Kind = device.Kind.ToText(),
            Address = device.Address,
            Vendor = device.Vendor,
            Model = device.Model,
            Tags = string.Join(", ", device.Tags),
            Enabled = device.Enabled,
        };

        public DeviceInput ToInput() => new(SiteId, Name, Kind, Address, Vendor, Model,
            Tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _stored?.ParentId, Enabled, _stored?.IcmpIntervalSeconds, _stored?.SnmpIntervalSeconds, _stored?.Credentials, _stored?.Version);
    }
}
