using System.Globalization;

namespace Sotp.Core.Devices;

/// <summary>
/// A device address that may carry a port: <c>host</c>, <c>host:port</c>, <c>[v6]:port</c>, or a bare IPv6 address
/// (several colons, no brackets: the colons are the address's own). Alarm panels keep their ETHM-1 port this way,
/// since the device record has no port of its own; the ICMP monitor pings the host part.
/// </summary>
public static class DeviceAddress
{
    /// <summary>Splits off the port; false (with the reason) when brackets or the port are broken.</summary>
    public static bool TrySplit(string? address, out string host, out int? port, out string? error)
    {
        host = "";
        port = null;
        var text = address?.Trim() ?? "";
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = $"'{text}' is not an address: write [IPv6]:port.";
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }
        else
        {
            host = text;
        }

        if (host.Length == 0)
        {
            error = $"'{text}' has no host.";
            return false;
        }

        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                error = $"'{text}' has no valid port (1-65535) after the colon.";
                return false;
            }

            port = number;
        }

        error = null;
        return true;
    }

    /// <summary>The host part, or the text as it is when it cannot be split.</summary>
    public static string HostOf(string address) => TrySplit(address, out var host, out _, out _) ? host : address;
}
