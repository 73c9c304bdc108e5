using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Sotp.Core.Auth;
using Sotp.Server.Auth;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>Sign-in with the API's <see cref="Authenticator"/>: the same brute-force limits, audit and forced password change.</summary>
public sealed partial class Login(Authenticator authenticator, NavigationManager navigation)
{
    private string? _error;
    private bool _ended;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new();
        // A session ended by a password or role change (ConsoleSession): said once, on the next sign-in page.
        if (HttpMethods.IsGet(HttpContext.Request.Method) && ConsoleSession.Ended(HttpContext))
        {
            _ended = true;
            HttpContext.Response.Cookies.Delete(ConsoleSession.EndedCookie);
        }
    }

    private async Task SignInAsync()
    {
        Input ??= new();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var outcome = await authenticator.LoginAsync(Input.Username, Input.Password, address, HttpContext.TraceIdentifier, HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case LoginStatus.Succeeded:
                await HttpContext.SignInAsync(ConsoleCookie.Scheme, ConsoleCookie.Principal(outcome.User!));
                navigation.NavigateTo(outcome.User!.MustChangePassword ? AuthSetup.ConsolePasswordPath : LocalReturnUrl(), forceLoad: true);
                break;
            case LoginStatus.AddressBlocked:
                _error = T["Too many failed sign-ins from this address; try again in {0} s.", Math.Ceiling(outcome.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)];
                break;
            default:
                _error = T["The user name or password is wrong."];
                break;
        }
    }

    /// <summary>Only a path of this site: a crafted link must not send a fresh sign-in elsewhere.</summary>
    private string LocalReturnUrl() =>
        ReturnUrl is { Length: > 0 } url && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains(':', StringComparison.Ordinal)
            ? "/" + url.TrimStart('/')
            : "/";

    private sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        public string Username { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
