using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Icmp;
using Sotp.Core.Monitoring;

namespace Sotp.Server.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The ICMP monitor with its options, metrics and the ICMP engine it probes through.</summary>
    public static IServiceCollection AddSotpMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IcmpOptions>().Bind(configuration.GetSection(IcmpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IcmpOptions>, IcmpOptionsValidator>();
        services.AddSingleton<MonitoringMetrics>();
        // TryAdd: tests put a scripted probe in its place.
        services.TryAddSingleton<IEchoProbe>(provider =>
            new IcmpEngine(provider.GetRequiredService<IOptions<IcmpOptions>>().Value.PacketsPerSecond, provider.GetService<IMeterFactory>()));
        services.AddHostedService<IcmpMonitor>();
        return services;
    }
}
