namespace Sotp.Core.Errors;

/// <summary>What sort of failure a <see cref="DomainException"/> is; the host maps each kind to a status code.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    /// <summary>A rate limit was reached (429).</summary>
    TooMany,
    Unavailable,
}
