using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>What an application service refused, for a form: field errors under their fields, anything else above the form.</summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public string? General { get; private set; }

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? For(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(' ', messages) : null;

    public void Clear()
    {
        _fields = new Dictionary<string, string[]>();
        General = null;
    }

    public void Take(DomainException exception)
    {
        Clear();
        switch (exception)
        {
            case ValidationException validation:
                _fields = validation.Errors;
                break;
            case { Field: { } field }:
                _fields = new Dictionary<string, string[]> { [field] = [exception.Message] };
                break;
            default:
                General = exception.Message;
                break;
        }
    }

    /// <summary>One line for a snackbar or an alert: every field message, or the refusal itself.</summary>
    public static string Describe(DomainException exception) =>
        exception is ValidationException validation ? string.Join(' ', validation.Errors.Values.SelectMany(messages => messages)) : exception.Message;
}
