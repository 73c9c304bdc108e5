namespace Sotp.Core.Errors;

/// <summary>An expected failure with a stable <see cref="ErrorCodes">code</see>, safe to show to the caller.</summary>
public class DomainException(ErrorKind kind, string code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public string Code { get; } = code;

    /// <summary>The request field at fault (camelCase, as in the API), when one is.</summary>
    public string? Field { get; init; }

    /// <summary><c>not_found</c>: "There is no {what} {id}."</summary>
    public static DomainException NotFound(string what, long id) =>
        new(ErrorKind.NotFound, ErrorCodes.NotFound, $"There is no {what} {id}.");

    /// <summary><c>version_conflict</c>: the change was based on a version that is no longer the current one.</summary>
    public static DomainException StaleVersion(string what, long id, long current, long sent) =>
        new(ErrorKind.Conflict, ErrorCodes.VersionConflict,
            $"The {what} {id} was changed by someone else (version {current}, you sent {sent}); reload it and try again.");
}
