using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sotp.Core.Errors;

namespace Sotp.Server.Errors;

/// <summary>Turns exceptions into ProblemDetails: expected ones with their own code and message, others as a bare 500.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, IHostApplicationLifetime lifetime, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail) = exception switch
        {
            DomainException domain => (StatusFor(domain.Kind), domain.Code, TitleFor(domain.Kind), domain.Message),
            // Kestrel cancels body reads that are still waiting when the server stops: not a failure of ours.
            OperationCanceledException when lifetime.ApplicationStopping.IsCancellationRequested || httpContext.RequestAborted.IsCancellationRequested =>
                (StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceStopping, "Service stopping", "The server is stopping; send the request again in a moment."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "Request too large", "The request body is larger than this server accepts (Server:MaxRequestBodyBytes)."),
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, "Malformed JSON", json.Message),
            BadHttpRequestException bad =>
                (bad.StatusCode, bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? ErrorCodes.UnsupportedMediaType : ErrorCodes.BadRequest, "Bad request", bad.Message),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.Internal, "Internal error", "The server failed; the request id leads to the details in its log."),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Request failed with {Code}", code);
        }

        httpContext.Response.StatusCode = status;
        var problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary()) { Status = status, Title = title, Detail = detail },
            DomainException { Field: { } field } => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] }) { Status = status, Title = title, Detail = detail },
            _ => new ProblemDetails { Status = status, Title = title, Detail = detail },
        };
        problem.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.TooMany => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "Validation failed",
        ErrorKind.Unauthorized => "Unauthorized",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Unprocessable => "Unprocessable",
        ErrorKind.TooLarge => "Too large",
        ErrorKind.TooMany => "Too many requests",
        ErrorKind.Unavailable => "Service unavailable",
        _ => "Error",
    };
}
