namespace Sotp.Core.Errors;

/// <summary>An expected failure with a stable <see cref="ErrorCodes">code</see>, safe to show to the caller.</summary>
public class DomainException(ErrorKind kind, string code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public string Code { get; } = code;

    /// <summary>The request field at fault (camelCase, as in the API), when one is.</summary>
    public string? Field { get; init; }
}
