using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>Runs a page's load and turns a failure into the sentence the page shows instead of its content.</summary>
public static class PageLoad
{
    /// <returns>Null when it loaded; else why not (no such entity for this user, or the store did not answer).</returns>
    public static async Task<string?> RunAsync(Func<Task> load)
    {
        try
        {
            await load();
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "The data cannot be loaded right now; try again in a moment.";
        }
    }
}
