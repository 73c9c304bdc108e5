using Sotp.Core.Devices;

namespace Sotp.Collectors.Satel;

/// <summary>Where a panel's ETHM-1 listens. The inventory keeps it in the device's address as <c>host</c> or <c>host:port</c>.</summary>
public sealed record SatelEndpoint(string Host, int Port)
{
    /// <summary>Reads the forms <see cref="DeviceAddress"/> knows; without a port, the module's factory port 7094.</summary>
    public static bool TryParse(string? address, out SatelEndpoint endpoint, out string? error)
    {
        var parsed = DeviceAddress.TrySplit(address, out var host, out var port, out error);
        endpoint = new SatelEndpoint(host, port ?? SatelClientOptions.DefaultPort);
        return parsed;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
