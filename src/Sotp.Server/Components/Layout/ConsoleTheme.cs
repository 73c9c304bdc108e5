using MudBlazor;

namespace Sotp.Server.Components.Layout;

/// <summary>The console's colours: calm by default, so that red means an alarm or a device that is down.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e4f8a",
            AppbarBackground = "#1e4f8a",
            Secondary = "#5c6b7a",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2f0",
            AppbarBackground = "#1b2430",
            Secondary = "#9aa8b6",
        },
    };
}
