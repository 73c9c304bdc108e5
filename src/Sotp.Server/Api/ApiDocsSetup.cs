using Scalar.AspNetCore;

namespace Sotp.Server.Api;

/// <summary>The OpenAPI document at /openapi/v1.json and a browsable reference (Scalar) at /api/docs.</summary>
public static class ApiDocsSetup
{
    public static IServiceCollection AddSotpApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SOTP API";
            document.Info.Description = "Monitoring and alarm handling. Errors are ProblemDetails with a stable `code`.";
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapSotpApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        endpoints.MapScalarApiReference("/api/docs", options =>
        {
            options.WithTitle("SOTP API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            // Operators' networks are closed and their traffic is theirs: no telemetry, no AI chat, no vendor toolbar.
            options.Telemetry = false;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.DotNetFlag = false;
        }).AllowAnonymous();
        return endpoints;
    }
}
