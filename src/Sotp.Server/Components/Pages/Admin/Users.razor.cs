using MudBlazor;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>
/// Accounts through <see cref="UserAdministration"/>, as the API's: create (the generated password shown once), change
/// role, unlock, reset password, site assignments. MASTER and SYSTEM accounts and roles are offered to a MASTER only.
/// </summary>
public sealed partial class Users(UserAdministration admin, SiteService sites, IDialogService dialogs, ISnackbar snackbar, TimeProvider time)
{
    private readonly FormErrors _errors = new();
    private MudTable<User>? _table;
    private IReadOnlyList<Role> _grantable = [];
    private string? _newUsername;
    private Role _newRole = Role.Operator;
    private string? _search;
    private bool _busy;

    private DateTimeOffset Now => time.GetUtcNow();

    protected override Task OnConsoleInitializedAsync()
    {
        _grantable = Enum.GetValues<Role>().Where(role => Caller.Role == Role.Master || role is not (Role.Master or Role.System)).ToList();
        return Task.CompletedTask;
    }

    private bool MayManage(User user) => Caller.Role == Role.Master || user.Role is not (Role.Master or Role.System);

    private async Task<TableData<User>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = state.SortLabel is { Length: > 0 } label && state.SortDirection != SortDirection.None
            ? (state.SortDirection == SortDirection.Descending ? "-" : "") + label
            : "username";
        var search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim();
        var page = await admin.ListAsync(new ListQuery(state.Page + 1, state.PageSize, sort, search), null, cancellationToken);
        return new TableData<User> { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var (user, password) = await admin.CreateAsync(_newUsername?.Trim(), _newRole.ToText(), Caller, CancellationToken.None);
            _errors.Clear();
            _newUsername = null;
            await ShowPasswordAsync(user.Username, password);
            await ReloadAsync();
        }
        catch (DomainException ex)
        {
            _errors.Take(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task ChangeRoleAsync(User user, Role role) =>
        ActAsync(async () =>
        {
            await admin.ChangeRoleAsync(user.Id, role.ToText(), user.Version, Caller, CancellationToken.None);
            snackbar.Add(T["{0} is now {1}.", user.Username, role.ToText()], Severity.Success);
        });

    private Task UnlockAsync(User user) =>
        ActAsync(async () =>
        {
            await admin.UnlockAsync(user.Id, Caller, CancellationToken.None);
            snackbar.Add(T["{0} is unlocked.", user.Username], Severity.Success);
        });

    private Task ResetAsync(User user) =>
        ActAsync(async () =>
        {
            var confirmed = await dialogs.ShowMessageBoxAsync(T["Reset password"],
                T["Replace {0}'s password with a generated one? Their open sessions end.", user.Username], yesText: T["Reset"], cancelText: T["Cancel"]);
            if (confirmed == true)
            {
                await ShowPasswordAsync(user.Username, await admin.ResetPasswordAsync(user.Id, Caller, CancellationToken.None));
            }
        });

    private Task SitesAsync(User user) =>
        ActAsync(async () =>
        {
            var all = await SiteNames.LoadAsync(sites, Caller, CancellationToken.None);
            var assigned = await admin.AssignedSitesAsync(user.Id, CancellationToken.None);
            var dialog = await dialogs.ShowAsync<SiteAssignmentDialog>(T["Sites of {0}", user.Username], new DialogParameters<SiteAssignmentDialog>
            {
                { d => d.Sites, all.Sites },
                { d => d.Selected, assigned.ToHashSet() },
            });
            if (await dialog.Result is { Canceled: false, Data: IReadOnlyCollection<long> chosen })
            {
                await admin.AssignSitesAsync(user.Id, chosen, Caller, CancellationToken.None);
                snackbar.Add(T["{0}: {1} site(s) assigned.", user.Username, chosen.Count], Severity.Success);
            }
        });

    /// <summary>Runs a step on a listed user; a refusal (stale version, a MASTER-only account) becomes a message and the list is read again.</summary>
    private async Task ActAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Code == ErrorCodes.VersionConflict ? T["Data changed — the list is refreshed."] : FormErrors.Describe(ex), Severity.Error);
        }

        await ReloadAsync();
    }

    private async Task ShowPasswordAsync(string username, string password)
    {
        var dialog = await dialogs.ShowAsync<PasswordOnceDialog>(T["Generated password"], new DialogParameters<PasswordOnceDialog>
        {
            { d => d.Username, username },
            { d => d.Password, password },
        });
        await dialog.Result;
    }
}
