using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Sotp.Core;
using Sotp.Server.Alarms;
using Sotp.Server.Api;
using Sotp.Server.Auth;
using Sotp.Server.Discovery;
using Sotp.Server.Errors;
using Sotp.Server.Health;
using Sotp.Server.Hosting;
using Sotp.Server.Monitoring;
using Sotp.Server.Notifications;
using Sotp.Server.Observability;
using Sotp.Server.Rules;
using Sotp.Server.Satel;
using Sotp.Server.Snmp;
using Sotp.Server.Web;
using Sotp.Storage;

namespace Sotp.Server;

/// <summary>Composes the server from its features. Program.cs and <c>sotp serve</c> both start it from here.</summary>
public static class SotpServer
{
    /// <summary>Environment variables with this prefix override appsettings: <c>SOTP__Storage__Provider=Postgres</c>.</summary>
    public const string EnvironmentPrefix = "SOTP__";

    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the binary; relative paths in it (./data) still mean the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        // Added again so the command line still wins over SOTP__ variables.
        builder.Configuration.AddCommandLine(args);
        StartupPreflight.ValidateConfiguration(builder.Configuration);

        // Registered first: its StartAsync migrates before other services run, its StopAsync runs last.
        builder.Services.AddHostedService<StoreStartupService>();
        builder.Services.AddSingleton<Readiness>();
        builder.Services.AddSotpStorage(builder.Configuration);
        builder.Services.AddSotpHostOptions(builder.Configuration);
        builder.Services.AddSotpProblemDetails();
        builder.Services.AddSotpHealth();
        builder.Services.AddSotpApiDocs();
        builder.Services.AddSotpAuth();
        builder.Services.AddSotpMonitoring(builder.Configuration);
        builder.Services.AddSotpSatel(builder.Configuration);
        builder.Services.AddSotpSnmp(builder.Configuration);
        builder.Services.AddSotpDiscovery();
        builder.Services.AddSotpNotifications(builder.Configuration);
        builder.Services.AddHostedService<Series.SeriesWriterService>();
        builder.Services.AddHostedService<Series.SeriesRetentionService>();
        builder.Services.AddHostedService<Alarms.OutboxRelay>();
        builder.Services.AddHostedService<Alarms.AlarmHousekeepingService>();
        builder.Services.AddHostedService<Alarms.StatusEventsService>();
        builder.Services.AddSotpRules();
        builder.Services.ConfigureHttpJsonOptions(options => SotpJson.Configure(options.SerializerOptions));
        builder.AddSotpObservability();
        builder.AddSotpWeb();

        var app = builder.Build();
        app.UseSotpObservability();
        app.Use(static (context, next) =>
        {
            // API answers carry tokens, generated passwords and live state: never cached by a browser or proxy.
            if (context.Request.Path.StartsWithSegments("/api/v1"))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return next(context);
        });
        app.UseSotpProblemDetails();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSotpHealth();
        app.MapSotpMetrics();
        app.MapSotpApiDocs();
        app.MapSystemApi();
        app.MapAuthApi();
        app.MapAuditApi();
        app.MapSitesApi();
        app.MapDevicesApi();
        app.MapSeriesApi();
        app.MapDeviceGroupsApi();
        app.MapUsersApi();
        app.MapSecretsApi();
        app.MapImportExportApi();
        app.MapApiKeysApi();
        app.MapAlarmsApi();
        app.MapEventsApi();
        app.MapLiveSocket();
        app.MapPanelsApi();
        app.MapSnmpApi();
        app.MapDiscoveryApi();
        app.MapTopologyApi();
        app.MapRulesApi();
        app.MapNotificationsApi();
        app.MapEscalationPoliciesApi();
        app.MapSotpWeb();
        return app;
    }

    /// <summary>Runs until SIGTERM/Ctrl+C. Returns the process exit code; start-up failures print one line each.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = Build(args);
            await StartupPreflight.ReachStoreAsync(app.Services, CancellationToken.None);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } lines)
        {
            foreach (var line in lines)
            {
                await Console.Error.WriteLineAsync($"sotp: {line}");
            }

            return StartupFailure.ExitCode;
        }
    }

    private static IServiceCollection AddSotpHostOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
            kestrel.Limits.MaxRequestBodySize = server.Value.MaxRequestBodyBytes);
        // Kestrel drains in-flight requests and hosted services stop (in reverse order) within this time.
        // Read without validation: the host resolves HostOptions while it is built, before the preflight
        // reports a bad value together with every other bad setting.
        services.AddOptions<HostOptions>().Configure(host => host.ShutdownTimeout = TimeSpan.FromSeconds(
            Math.Clamp(configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>()?.ShutdownTimeoutSeconds ?? 30, 1, 600)));
        return services;
    }
}
