using MudBlazor;
using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>The save and delete steps of the administration lists: what the service refuses shows in the form or a snackbar.</summary>
public static class EditSteps
{
    /// <summary>Runs <paramref name="save"/> (which names what it saved); a refusal goes into <paramref name="errors"/>. True when saved.</summary>
    public static async Task<bool> SaveAsync(FormErrors errors, ISnackbar snackbar, Func<Task<string>> save)
    {
        try
        {
            snackbar.Add($"{await save()} saved.", Severity.Success);
            errors.Clear();
            return true;
        }
        catch (DomainException ex)
        {
            errors.Take(ex);
            return false;
        }
    }

    /// <summary>Asks first; then deletes, saying what happened.</summary>
    public static async Task DeleteAsync(IDialogService dialogs, ISnackbar snackbar, string what, string consequence, Func<Task> delete)
    {
        if (await dialogs.ShowMessageBoxAsync("Delete", $"Delete {what}? {consequence}", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        try
        {
            await delete();
            snackbar.Add($"{what} deleted.", Severity.Success);
        }
        catch (DomainException ex)
        {
            snackbar.Add(FormErrors.Describe(ex), Severity.Error);
        }
    }
}
