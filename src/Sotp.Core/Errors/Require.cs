namespace Sotp.Core.Errors;

/// <summary>The two checks every application service makes before writing.</summary>
public static class Require
{
    /// <summary>Throws one <see cref="ValidationException"/> carrying every field error, if there are any.</summary>
    public static void Valid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>The version a change is based on; without it a stale change could not be refused.</summary>
    public static long Version(long? version) =>
        version ?? throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed,
            "version is required (in the body, the If-Match header or ?version=) so that a stale change is refused.") { Field = "version" };
}
