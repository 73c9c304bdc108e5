using System.Diagnostics.Metrics;
using Sotp.Core.Errors;

namespace Sotp.Server.Errors;

/// <summary>
/// One error shape for the whole API: RFC 9457 ProblemDetails with a stable <c>code</c> and the
/// <c>requestId</c> that appears on every log line of the request, so a user's report leads to the logs.
/// </summary>
public static class ProblemDetailsSetup
{
    public const string MeterName = "Sotp.Http";

    public static IServiceCollection AddSotpProblemDetails(this IServiceCollection services)
    {
        services.AddSingleton<ApiErrorMetrics>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (problem.Extensions.TryGetValue("code", out var given) is false || given is not string code)
            {
                code = CodeForStatus(status, context.HttpContext);
                problem.Extensions["code"] = code;
            }

            problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
            problem.Extensions.Remove("traceId");
            context.HttpContext.RequestServices.GetRequiredService<ApiErrorMetrics>().Count(code, status);
        });
        // Minimal APIs answer a malformed body with an empty 400 outside Development; throwing instead lets
        // ApiExceptionHandler say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Exceptions and bare status codes (unknown route, wrong method) both become ProblemDetails.</summary>
    public static WebApplication UseSotpProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static string CodeForStatus(int status, HttpContext context) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.BadRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        // No endpoint matched: the route itself is unknown, not a resource behind it.
        StatusCodes.Status404NotFound => context.GetEndpoint() is null ? ErrorCodes.RouteNotFound : ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.StoreUnavailable,
        >= 500 => ErrorCodes.Internal,
        _ => $"http_{status}",
    };
}

/// <summary>Counts every error answer by code, so bad input and failures show on /metrics.</summary>
public sealed class ApiErrorMetrics
{
    private readonly Counter<long> _errors;

    public ApiErrorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ProblemDetailsSetup.MeterName);
        _errors = meter.CreateCounter<long>("sotp.http.errors", description: "API error responses by code.");
    }

    public void Count(string code, int status) =>
        _errors.Add(1, new KeyValuePair<string, object?>("code", code), new KeyValuePair<string, object?>("status", status));
}
