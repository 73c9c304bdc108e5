namespace Sotp.Server.Hosting;

/// <summary>The <c>Server</c> configuration section.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Largest request body accepted (bytes); larger ones get 413 <c>request_too_large</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long SIGTERM waits for in-flight requests and background services before giving up.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}
