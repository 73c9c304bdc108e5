namespace Sotp.Core.Errors;

/// <summary>Several fields are wrong at once; the API answers 400 <c>validation_failed</c> with all of them.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed, "The request has invalid fields: " + string.Join(", ", errors.Keys) + ".")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
