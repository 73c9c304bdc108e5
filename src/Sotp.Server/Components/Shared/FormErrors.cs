using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>
/// What a service refused on a form, as the page shows it: field messages under their fields, anything else in one
/// alert, and a stale version as "Data changed — refresh" (the page reloads what it shows).
/// </summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public string? Message { get; private set; }

    public bool Conflict { get; private set; }

    /// <summary>A change is under way: its buttons are disabled, so a double click does not send it twice.</summary>
    public bool Busy { get; private set; }

    /// <summary>What belongs to no field, as one line for a form without a refresh button of its own (the page translates it).</summary>
    public string? General => Conflict ? "Data changed meanwhile: reload and try again." : Message;

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? For(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(' ', messages) : null;

    /// <summary>Messages of fields that start with <paramref name="prefix"/> (<c>contacts[2].</c>), for a row of a list.</summary>
    public string? Under(string prefix)
    {
        var messages = _fields.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(pair => pair.Value).ToList();
        return messages.Count > 0 ? string.Join(' ', messages) : null;
    }

    /// <summary>Drops a field's messages once the user changes the field, so a fixed value stops being shown as wrong.</summary>
    public void Forget(string field)
    {
        if (_fields.ContainsKey(field))
        {
            _fields = _fields.Where(pair => pair.Key != field).ToDictionary();
        }
    }

    public void Clear()
    {
        _fields = new Dictionary<string, string[]>();
        Message = null;
        Conflict = false;
    }

    /// <summary>Runs a change; a refusal is kept here for the page to show.</summary>
    /// <returns>Whether it went through.</returns>
    public async Task<bool> RunAsync(Func<Task> change)
    {
        Clear();
        Busy = true;
        try
        {
            await change();
            return true;
        }
        catch (DomainException ex)
        {
            Take(ex);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    public void Take(DomainException exception)
    {
        Clear();
        switch (exception)
        {
            case ValidationException validation:
                _fields = validation.Errors;
                break;
            case { Code: ErrorCodes.VersionConflict }:
                Conflict = true;
                break;
            case { Field: { } field }:
                _fields = new Dictionary<string, string[]> { [field] = [exception.Message] };
                break;
            default:
                Message = exception.Message;
                break;
        }
    }

    /// <summary>One line for a snackbar or an alert: every field message, or the refusal itself.</summary>
    public static string Describe(DomainException exception) =>
        exception is ValidationException validation ? string.Join(' ', validation.Errors.Values.SelectMany(messages => messages)) : exception.Message;
}
