namespace Sotp.Server.Errors;

/// <summary>Collects field errors of a request body; camelCase field names, as the client sent them.</summary>
public sealed class RequestValidation
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public RequestValidation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            _errors[field] = [$"{field} is required."];
        }
        else if (value.Length > maxLength)
        {
            _errors[field] = [$"{field} is longer than {maxLength} characters."];
        }

        return this;
    }
}
