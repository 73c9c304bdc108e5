using Microsoft.Extensions.Options;

namespace Sotp.Server.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The ICMP monitor with its options and metrics. The echo probe (the ICMP engine) is registered by the caller.</summary>
    public static IServiceCollection AddSotpMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IcmpOptions>().Bind(configuration.GetSection(IcmpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IcmpOptions>, IcmpOptionsValidator>();
        services.AddSingleton<MonitoringMetrics>();
        services.AddHostedService<IcmpMonitor>();
        return services;
    }
}
