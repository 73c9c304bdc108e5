using Microsoft.Extensions.Options;

namespace Sotp.Server.Hosting;

/// <summary>Each validator reports every wrong setting at once, naming the setting as it is written in configuration.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            errors.Add($"Server:MaxRequestBodyBytes {options.MaxRequestBodyBytes} is outside 1024..1073741824.");
        }

        if (options.ShutdownTimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"Server:ShutdownTimeoutSeconds {options.ShutdownTimeoutSeconds} is outside 1..600.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) &&
            (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Telemetry:OtlpEndpoint '{options.OtlpEndpoint}' is not an http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add("Telemetry:ServiceName is empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
