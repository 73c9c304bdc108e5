using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;
using Sotp.Server.Errors;
using Sotp.Server.Hosting;
using Sotp.Storage;

namespace Sotp.Server.Observability;

/// <summary>
/// /metrics in Prometheus text format (prometheus-net: HTTP requests, GC and process figures, and every
/// System.Diagnostics.Metrics meter such as store timings), plus OTLP export of traces and metrics when an
/// endpoint is configured. Logs are JSON lines from the console logger (see appsettings.json).
/// </summary>
public static class ObservabilitySetup
{
    private static readonly string[] OwnMeters = [StoreMetrics.MeterName, ProblemDetailsSetup.MeterName];

    public static WebApplicationBuilder AddSotpObservability(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) && Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(telemetry.ServiceName, serviceVersion: SotpVersion.Current))
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation()
                    .AddOtlpExporter(otlp => otlp.Endpoint = endpoint))
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(OwnMeters)
                    .AddOtlpExporter(otlp => otlp.Endpoint = endpoint));
        }

        return builder;
    }

    public static WebApplication UseSotpObservability(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            // The same id is in every log line's scope (RequestId) and in ProblemDetails.requestId.
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return next(context);
        });
        app.UseHttpMetrics();
        return app;
    }

    public static IEndpointRouteBuilder MapSotpMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMetrics("/metrics").ExcludeFromDescription();
        return endpoints;
    }
}
