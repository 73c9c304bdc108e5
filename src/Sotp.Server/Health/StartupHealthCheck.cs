using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sotp.Server.Hosting;

namespace Sotp.Server.Health;

/// <summary>Migrations applied, every background service started, and not shutting down.</summary>
internal sealed class StartupHealthCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(
            readiness.Stopping ? HealthCheckResult.Unhealthy("shutting down")
            : !readiness.Migrated ? HealthCheckResult.Unhealthy("migrations not applied yet")
            : !readiness.BackgroundServicesStarted ? HealthCheckResult.Unhealthy("background services starting")
            : HealthCheckResult.Healthy("migrations applied, background services started"));
}
