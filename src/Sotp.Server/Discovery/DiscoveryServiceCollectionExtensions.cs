namespace Sotp.Server.Discovery;

public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>Discovery jobs and their runner (ICMP engine and SNMP credentials come from monitoring and SNMP).</summary>
    public static IServiceCollection AddSotpDiscovery(this IServiceCollection services)
    {
        services.AddSingleton<DiscoveryRunner>();
        services.AddSingleton<DiscoveryService>();
        return services;
    }
}
