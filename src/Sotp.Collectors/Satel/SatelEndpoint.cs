using System.Globalization;

namespace Sotp.Collectors.Satel;

/// <summary>Where a panel's ETHM-1 listens. The inventory keeps it in the device's address as <c>host</c> or <c>host:port</c>.</summary>
public sealed record SatelEndpoint(string Host, int Port)
{
    /// <summary>
    /// Reads <c>host</c>, <c>host:port</c>, <c>[v6]:port</c> or a bare IPv6 address (several colons, no brackets: the
    /// colons are the address's own, so the port is the default).
    /// </summary>
    public static bool TryParse(string? address, out SatelEndpoint endpoint, out string? error)
    {
        endpoint = new SatelEndpoint("", SatelClientOptions.DefaultPort);
        var text = address?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "The panel has no address.";
            return false;
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = $"'{text}' is not an address: write [IPv6]:port.";
                return false;
            }

            host = text[1..close];
            port = close + 2 <= text.Length && close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = text[(colon + 1)..];
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

        var number = SatelClientOptions.DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            error = $"'{text}' has no valid port (1-65535) after the colon.";
            return false;
        }

        endpoint = new SatelEndpoint(host, number);
        error = null;
        return true;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
