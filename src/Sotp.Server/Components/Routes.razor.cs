using Microsoft.AspNetCore.Components;

namespace Sotp.Server.Components;

/// <summary>The router, handed the zone cookies of the page request so the circuit's clock is set before anything renders.</summary>
public sealed partial class Routes
{
    [Parameter]
    public string? PickedZone { get; set; }

    [Parameter]
    public string? BrowserZone { get; set; }

    protected override void OnInitialized()
    {
        if (PickedZone is not null || BrowserZone is not null)
        {
            Clock.Choose(PickedZone, BrowserZone);
        }
    }
}
