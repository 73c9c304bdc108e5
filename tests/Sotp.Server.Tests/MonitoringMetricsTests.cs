using Microsoft.Extensions.DependencyInjection;
using Sotp.Server.Monitoring;

namespace Sotp.Server.Tests;

[Collection(ProcessMetricsCollection.Name)]
public class MonitoringMetricsTests
{
    [Fact]
    public async Task ProbeLateness_IsExportedInMillisecondBuckets()
    {
        await using var server = await InMemoryServer.StartAsync();
        (await server.Client.GetAsync("/readyz")).EnsureSuccessStatusCode();
        server.Factory.Services.GetRequiredService<MonitoringMetrics>().Late(TimeSpan.FromMilliseconds(3));

        var metrics = await server.Client.GetStringAsync("/metrics");

        Assert.Contains("""sotp_icmp_probe_lateness_seconds_bucket{otel_scope_name="Sotp.Monitoring",le="0.0025"} 0""", metrics);
        Assert.Contains("""sotp_icmp_probe_lateness_seconds_bucket{otel_scope_name="Sotp.Monitoring",le="0.005"} 1""", metrics);
    }
}
