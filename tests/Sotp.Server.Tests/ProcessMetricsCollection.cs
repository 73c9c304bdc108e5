namespace Sotp.Server.Tests;

/// <summary>
/// Tests that assert exact counts in /metrics. Every in-process server exports the instruments of all servers in the
/// process (the exporter listens by meter name), so these run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "process-wide metrics";
}
