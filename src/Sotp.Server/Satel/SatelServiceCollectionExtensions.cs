using Microsoft.Extensions.Options;

namespace Sotp.Server.Satel;

public static class SatelServiceCollectionExtensions
{
    /// <summary>
    /// The panel workers' host with its options and metrics. It watches panels only where an IEventSink (the alarm
    /// core) is registered; this method registers none, so a node without the alarm core holds no panel connections.
    /// </summary>
    public static IServiceCollection AddSotpSatel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SatelOptions>().Bind(configuration.GetSection(SatelOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SatelOptions>, SatelOptionsValidator>();
        services.AddSingleton<SatelPanels>();
        services.AddSingleton<SatelMetrics>();
        services.AddSingleton<SatelCommandLog>();
        services.AddSingleton<PanelControl>();
        services.AddHostedService<SatelPanelService>();
        return services;
    }
}
