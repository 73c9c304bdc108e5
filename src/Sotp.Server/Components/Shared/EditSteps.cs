using Microsoft.Extensions.Localization;
using MudBlazor;
using Sotp.Server.Localization;
using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>The save and delete steps of the administration lists: what the service refuses shows in the form or a snackbar.</summary>
public static class EditSteps
{
    /// <summary>Runs <paramref name="save"/> (which names what it saved); a refusal goes into <paramref name="errors"/>. True when saved.</summary>
    public static async Task<bool> SaveAsync(FormErrors errors, ISnackbar snackbar, IStringLocalizer<ConsoleText> text, Func<Task<string>> save)
    {
        try
        {
            snackbar.Add(text["{0} saved.", await save()], Severity.Success);
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
    public static async Task DeleteAsync(IDialogService dialogs, ISnackbar snackbar, IStringLocalizer<ConsoleText> text, string what, string consequence, Func<Task> delete)
    {
        if (await dialogs.ShowMessageBoxAsync(text["Delete"], text["Delete {0}? {1}", what, consequence], yesText: text["Delete"], cancelText: text["Cancel"]) != true)
        {
            return;
        }

        try
        {
            await delete();
            snackbar.Add(text["{0} deleted.", what], Severity.Success);
        }
        catch (DomainException ex)
        {
            snackbar.Add(FormErrors.Describe(ex), Severity.Error);
        }
    }
}
