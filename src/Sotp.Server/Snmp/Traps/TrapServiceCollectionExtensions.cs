namespace Sotp.Server.Snmp.Traps;

public static class TrapServiceCollectionExtensions
{
    /// <summary>The trap receiver (a singleton too, so tests can ask where it listens) and its map of senders.</summary>
    public static IServiceCollection AddSotpSnmpTraps(this IServiceCollection services)
    {
        services.AddSingleton<TrapSenders>();
        services.AddSingleton<SnmpTrapReceiver>();
        services.AddHostedService(provider => provider.GetRequiredService<SnmpTrapReceiver>());
        return services;
    }
}
