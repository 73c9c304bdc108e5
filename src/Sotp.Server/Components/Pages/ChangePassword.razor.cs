using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Sotp.Core.Errors;
using Sotp.Core.Users;
using Sotp.Server.Auth;
using Sotp.Server.Web;

namespace Sotp.Server.Components.Pages;

/// <summary>
/// The forced (or a voluntary) password change, through <see cref="UserAccounts"/> as the API's: policy checked,
/// audited, other logins ended. The cookie is then issued again without the change mark.
/// </summary>
public sealed partial class ChangePassword(UserAccounts accounts, NavigationManager navigation)
{
    private string? _error;
    private bool _mustChange;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private PasswordInput? Input { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new();
        _mustChange = ConsoleCookie.MustChangePassword(HttpContext.User);
    }

    private async Task ChangeAsync()
    {
        Input ??= new();
        if (Input.NewPassword != Input.Confirm)
        {
            _error = T["The two new passwords differ."];
            return;
        }

        User user;
        try
        {
            user = await accounts.ChangePasswordAsync(TokenIssuer.UserId(HttpContext.User), Input.CurrentPassword, Input.NewPassword,
                HttpContext.TraceIdentifier, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Validation)
        {
            _error = ex.Message;
            return;
        }

        await HttpContext.SignInAsync(ConsoleCookie.Scheme, ConsoleCookie.Principal(user));
        navigation.NavigateTo("/", forceLoad: true);
    }

    private sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        public string Confirm { get; set; } = "";
    }
}
