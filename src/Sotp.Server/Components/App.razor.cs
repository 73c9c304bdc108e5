using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Sotp.Server.Web;

namespace Sotp.Server.Components;

/// <summary>
/// The page frame. Console pages run interactively on the server (a SignalR circuit, no prerendering, so every page
/// loads its data once); the sign-in pages are plain forms, since setting a cookie needs an HTTP response. Until the
/// circuit has rendered, a static frame with the app bar and "Loading…" is on screen, so no page is blank meanwhile.
/// </summary>
public sealed partial class App
{
    private static readonly IComponentRenderMode Interactive = new InteractiveServerRenderMode(prerender: false);

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? Interactive : null;

    private string? PickedZone => HttpContext.Request.Cookies[ConsolePreferences.TimeZoneCookie];

    private string? BrowserZone => HttpContext.Request.Cookies[ConsolePreferences.BrowserTimeZoneCookie];
}
