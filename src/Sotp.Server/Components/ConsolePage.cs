using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Server.Auth;

namespace Sotp.Server.Components;

/// <summary>A console page: knows its signed-in user as the <see cref="Caller"/> the application services take, and what the role may do.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Set before <see cref="OnConsoleInitializedAsync"/> runs.</summary>
    protected Caller Caller { get; private set; } = default!;

    protected bool May(Permission permission) => PermissionMatrix.Allows(Caller.Role, permission);

    protected sealed override async Task OnInitializedAsync()
    {
        // Requests from a circuit have no HTTP request of their own; the audit trail names the console instead.
        Caller = HttpCaller.From((await AuthenticationState).User, requestId: "console", clientIp: null);
        await OnConsoleInitializedAsync();
    }

    protected virtual Task OnConsoleInitializedAsync() => Task.CompletedTask;
}
