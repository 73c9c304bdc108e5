namespace Sotp.Core.Errors;

/// <summary>What sort of failure a <see cref="DomainException"/> is; the host maps each kind to a status code.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    /// <summary>Well-formed but refers to something that does not exist, e.g. an event for an unknown device (422).</summary>
    Unprocessable,
    /// <summary>More than the endpoint takes at once (413).</summary>
    TooLarge,
    /// <summary>A rate limit was reached (429).</summary>
    TooMany,
    Unavailable,
}
