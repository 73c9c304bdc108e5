using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace Sotp.Server.Components;

/// <summary>
/// The page frame. Console pages run interactively on the server (a SignalR circuit, no prerendering, so every page
/// loads its data once); the sign-in pages are plain forms, since setting a cookie needs an HTTP response.
/// </summary>
public sealed partial class App
{
    private static readonly IComponentRenderMode Interactive = new InteractiveServerRenderMode(prerender: false);

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? Interactive : null;
}
