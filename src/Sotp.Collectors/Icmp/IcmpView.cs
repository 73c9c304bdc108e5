using System.Net;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// An <see cref="IcmpMessage"/> as a view over the received bytes: the engine matches every reply through it without
/// allocating, and makes an <see cref="IcmpMessage"/> only for the rare ICMP error it reports.
/// </summary>
/// <param name="quotedDestination">For an error, the 4 or 16 address bytes our request was going to; else empty.</param>
internal readonly ref struct IcmpView(IcmpKind kind, byte type, byte code, ushort identifier, ushort sequence, ReadOnlySpan<byte> payload,
    ReadOnlySpan<byte> quotedDestination)
{
    public IcmpKind Kind { get; } = kind;

    public byte Type { get; } = type;

    public byte Code { get; } = code;

    public ushort Identifier { get; } = identifier;

    public ushort Sequence { get; } = sequence;

    public ReadOnlySpan<byte> Payload { get; } = payload;

    public ReadOnlySpan<byte> QuotedDestination { get; } = quotedDestination;

    public IcmpMessage ToMessage() =>
        new(Kind, Type, Code, Identifier, Sequence, Payload.ToArray(), QuotedDestination.IsEmpty ? null : new IPAddress(QuotedDestination));
}
