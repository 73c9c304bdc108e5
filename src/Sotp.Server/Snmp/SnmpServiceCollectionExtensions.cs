using Microsoft.Extensions.Options;
using Sotp.Core.Snmp;
using Sotp.Server.Snmp.Traps;

namespace Sotp.Server.Snmp;

public static class SnmpServiceCollectionExtensions
{
    /// <summary>The SNMP poller and trap receiver with its options, metrics, the in-memory board the API reads, and the queries over it.</summary>
    public static IServiceCollection AddSotpSnmp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SnmpOptions>().Bind(configuration.GetSection(SnmpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SnmpOptions>, SnmpOptionsValidator>();
        services.AddSingleton<SnmpMetrics>();
        services.AddSingleton<SnmpBoard>();
        services.AddSingleton<SnmpQueries>();
        services.AddSingleton<SnmpCredentialResolver>();
        services.AddSingleton<LinkAlarms>();
        services.AddSingleton<Topology.TopologyTracker>();
        services.AddHostedService<SnmpPoller>();
        services.AddSotpSnmpTraps();
        return services;
    }
}
