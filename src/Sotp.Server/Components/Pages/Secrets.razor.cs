using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Secrets;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// A site's secrets, names only, and the reveal: a reason asked first, then the value through <see cref="SecretVault"/>
/// (audited, rate-limited) shown with a countdown and hidden again when it runs out.
/// </summary>
public sealed partial class Secrets(SecretVault vault, SiteService sites, IDialogService dialogs, TimeProvider time, IConfiguration configuration)
{
    /// <summary>How long a value stays on screen: the vault's 60 s, shorter only when configured so (the browser tests).</summary>
    public const string ShownForKey = "Web:SecretShownSeconds";

    private SiteNames _siteNames = SiteNames.None;
    private IReadOnlyList<SecretInfo> _secrets = [];
    private RevealedSecret? _shown;
    private ITimer? _countdown;
    private DateTimeOffset _hideAt;
    private int _secondsLeft;
    private TimeSpan _shownFor = SecretVault.RevealShownFor;
    private long? _siteId;
    private bool _canReveal;
    private bool _loading;
    private string? _error;

    [Parameter]
    public long? SiteId { get; set; }

    protected override async Task OnConsoleInitializedAsync()
    {
        _canReveal = May(Permission.RevealSecrets);
        if (configuration.GetValue<int?>(ShownForKey) is { } seconds && seconds > 0 && seconds < _shownFor.TotalSeconds)
        {
            _shownFor = TimeSpan.FromSeconds(seconds);
        }

        _siteNames = await SiteNames.LoadAsync(sites, Caller, CancellationToken.None);
        await SiteChangedAsync(SiteId ?? (_siteNames.Sites.Count > 0 ? _siteNames.Sites[0].Id : null));
    }

    private async Task SiteChangedAsync(long? siteId)
    {
        _siteId = siteId;
        Hide();
        _loading = true;
        try
        {
            _secrets = siteId is { } id ? await vault.ListAsync(id, Caller, CancellationToken.None) : [];
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task RevealAsync(SecretInfo secret)
    {
        var dialog = await dialogs.ShowAsync<RevealDialog>(T["Reveal secret"], new DialogParameters<RevealDialog> { { d => d.Name, secret.Name } });
        if (await dialog.Result is not { Canceled: false, Data: string reason })
        {
            return;
        }

        _error = null;
        try
        {
            var revealed = await vault.RevealAsync(secret.Id, reason, Caller, CancellationToken.None);
            Hide();
            _shown = revealed;
            var until = revealed.ExpiresAt - time.GetUtcNow();
            _hideAt = time.GetUtcNow() + (until < _shownFor ? until : _shownFor);
            Tick();
            _countdown = time.CreateTimer(_ => InvokeAsync(() =>
            {
                Tick();
                StateHasChanged();
            }), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
        catch (DomainException ex)
        {
            _error = FormErrors.Describe(ex);
        }
    }

    /// <summary>Counts down; at zero the value leaves the page (and the component's memory).</summary>
    private void Tick()
    {
        var left = _hideAt - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            Hide();
            return;
        }

        _secondsLeft = (int)Math.Ceiling(left.TotalSeconds);
    }

    private void Hide()
    {
        _countdown?.Dispose();
        _countdown = null;
        _shown = null;
    }

    public void Dispose() => Hide();
}
