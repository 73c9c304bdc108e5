using System.Net;

namespace Sotp.Collectors.Icmp;

/// <summary>What an ICMP message means to a pinger.</summary>
public enum IcmpKind
{
    EchoReply,
    EchoRequest,
    DestinationUnreachable,
    TimeExceeded,
    Other,
}

/// <summary>
/// A parsed ICMP or ICMPv6 message. For an echo reply, <see cref="Identifier"/>/<see cref="Sequence"/> and
/// <see cref="Payload"/> are the reply's own; for an error they are those of our echo request quoted inside it,
/// and <see cref="QuotedDestination"/> is where that request was going.
/// </summary>
public sealed record IcmpMessage(
    IcmpKind Kind,
    byte Type,
    byte Code,
    ushort Identifier,
    ushort Sequence,
    byte[] Payload,
    IPAddress? QuotedDestination)
{
    /// <summary>A short text for an error message, as an operator would say it.</summary>
    public string Describe() => (Kind, QuotedDestination?.AddressFamily) switch
    {
        (IcmpKind.TimeExceeded, _) => "TTL exceeded in transit",
        (IcmpKind.DestinationUnreachable, System.Net.Sockets.AddressFamily.InterNetworkV6) => Code switch
        {
            0 => "no route to destination",
            1 => "communication administratively prohibited",
            3 => "address unreachable",
            4 => "port unreachable",
            _ => $"destination unreachable (code {Code})",
        },
        (IcmpKind.DestinationUnreachable, _) => Code switch
        {
            0 => "network unreachable",
            1 => "host unreachable",
            2 => "protocol unreachable",
            3 => "port unreachable",
            9 or 10 or 13 => "communication administratively prohibited",
            _ => $"destination unreachable (code {Code})",
        },
        _ => $"ICMP type {Type} code {Code}",
    };
}
