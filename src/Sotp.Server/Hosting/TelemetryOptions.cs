namespace Sotp.Server.Hosting;

/// <summary>The <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint (e.g. <c>http://collector:4317</c>); empty means traces and metrics are not exported.</summary>
    public string? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "sotp";
}
