using Microsoft.AspNetCore.HttpLogging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sotp.Server.Errors;
using Sotp.Server.Hosting;
using Sotp.Storage;

namespace Sotp.Server.Observability;

/// <summary>
/// One metrics pipeline (OpenTelemetry) with two outlets: /metrics in Prometheus text format, always, and OTLP
/// when Telemetry:OtlpEndpoint is set (then traces too). Logs are JSON lines from the console logger
/// (see appsettings.json).
/// </summary>
public static class ObservabilitySetup
{
    private static readonly string[] OwnMeters = [StoreMetrics.MeterName, ProblemDetailsSetup.MeterName, Monitoring.MonitoringMetrics.MeterName, Collectors.Icmp.IcmpEngine.MeterName, Series.SeriesWriterService.MeterName, Core.Alarms.AlarmMetrics.MeterName, Satel.SatelMetrics.MeterName, Snmp.SnmpMetrics.MeterName, Core.Notifications.NotificationMetrics.MeterName];

    public static WebApplicationBuilder AddSotpObservability(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) && Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var endpoint)
            ? endpoint
            : null;

        var openTelemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName, serviceVersion: SotpVersion.Current))
            .WithMetrics(metrics =>
            {
                // Request counts and latency (http.server.*), GC and thread pool (dotnet.*), and our own meters.
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(OwnMeters).AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => options.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            openTelemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddOtlpExporter(options => options.Endpoint = otlp));
        }

        // One line per request, with its path but never its query string: /ws?ticket=… carries a credential. (The
        // host's own request lines would print the whole URL, so Hosting.Diagnostics logs warnings only.)
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestProtocol
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
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
        app.UseHttpLogging();
        return app;
    }

    public static IEndpointRouteBuilder MapSotpMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Prometheus scrapes without a token; keep /metrics off untrusted networks (or behind a proxy that checks one).
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
