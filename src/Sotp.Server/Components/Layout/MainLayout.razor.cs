using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Layout;

/// <summary>
/// App bar, navigation drawer (a slide-over on a phone, beside the page on a wide screen), the theme, language and
/// time-zone switches. Language and zone are cookies set by an HTTP endpoint, so a switch reloads the page.
/// </summary>
public sealed partial class MainLayout(IJSRuntime js, NavigationManager navigation)
{
    /// <summary>The zones offered besides the browser's own: the operators' and their usual counterparts'.</summary>
    private static readonly string[] Zones =
        ["UTC", "Europe/Warsaw", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Tokyo"];

    private bool _drawerOpen = true;
    private bool _darkMode;

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !Clock.Loaded)
        {
            await Clock.LoadAsync(js);
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void ToggleTheme() => _darkMode = !_darkMode;

    private void SetLanguage(string culture) => Reload("culture=" + culture);

    private void SetZone(string zone) => Reload("timeZone=" + Uri.EscapeDataString(zone));

    private void Reload(string preference)
    {
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo($"{ConsolePreferences.Path}?{preference}&returnUrl={Uri.EscapeDataString(here)}", forceLoad: true);
    }
}
