using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sotp.Storage;

namespace Sotp.Server.Health;

/// <summary>The store answers a trivial query within two seconds.</summary>
internal sealed class StoreHealthCheck(Store store, StoreMetrics metrics) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var _ = metrics.Measure("ping");
            await using var connection = await store.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy($"{store.Description}: {ex.Message.Split('\n')[0]}");
        }
    }
}
