using Microsoft.AspNetCore.Http.HttpResults;

namespace Sotp.Server.Errors;

/// <summary>ProblemDetails results with a stable code, for handlers that refuse without an exception.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 <c>validation_failed</c> with the offending fields.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Validation failed", extensions: new Dictionary<string, object?> { ["code"] = Sotp.Core.Errors.ErrorCodes.ValidationFailed });
}
