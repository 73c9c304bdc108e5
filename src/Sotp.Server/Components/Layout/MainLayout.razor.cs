namespace Sotp.Server.Components.Layout;

/// <summary>App bar, navigation drawer (a slide-over on a phone, beside the page on a wide screen) and the theme switch.</summary>
public sealed partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _darkMode;

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void ToggleTheme() => _darkMode = !_darkMode;
}
