namespace Sotp.Server.Hosting;

/// <summary>What /readyz needs to know about start-up that the store itself cannot tell.</summary>
public sealed class Readiness(IHostApplicationLifetime lifetime)
{
    private volatile bool _migrated;

    public bool Migrated => _migrated;

    /// <summary>True once every hosted service has started (the host fires ApplicationStarted after the last).</summary>
    public bool BackgroundServicesStarted => lifetime.ApplicationStarted.IsCancellationRequested;

    public bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    public void MarkMigrated() => _migrated = true;
}
