using System.Globalization;
using System.Net;
using System.Text;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// The value of a varbind: its type plus a number, bytes or an OID, whichever the type uses. Immutable; equal when
/// type and content are equal.
/// </summary>
public sealed class SnmpValue : IEquatable<SnmpValue>
{
    public static readonly SnmpValue Null = new(SnmpType.Null, 0, null, null);
    public static readonly SnmpValue NoSuchObject = new(SnmpType.NoSuchObject, 0, null, null);
    public static readonly SnmpValue NoSuchInstance = new(SnmpType.NoSuchInstance, 0, null, null);
    public static readonly SnmpValue EndOfMibView = new(SnmpType.EndOfMibView, 0, null, null);

    private readonly ulong _number;
    private readonly byte[]? _bytes;
    private readonly Oid? _oid;

    private SnmpValue(SnmpType type, ulong number, byte[]? bytes, Oid? oid)
    {
        Type = type;
        _number = number;
        _bytes = bytes;
        _oid = oid;
    }

    public SnmpType Type { get; }

    /// <summary>True for noSuchObject, noSuchInstance and endOfMibView: the agent had no value to give.</summary>
    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    public static SnmpValue Integer32(int value) => new(SnmpType.Integer32, unchecked((ulong)(long)value), null, null);

    /// <summary>INTEGER as decoded: agents are meant to stay within 32 bits, but a wider value is kept rather than refused.</summary>
    internal static SnmpValue Integer(long value) => new(SnmpType.Integer32, unchecked((ulong)value), null, null);

    public static SnmpValue OctetString(ReadOnlySpan<byte> value) => new(SnmpType.OctetString, 0, value.ToArray(), null);

    public static SnmpValue OctetString(string value) => new(SnmpType.OctetString, 0, Encoding.UTF8.GetBytes(value), null);

    public static SnmpValue ObjectIdentifier(Oid value) => new(SnmpType.ObjectIdentifier, 0, null, value);

    public static SnmpValue IpAddress(IPAddress value)
    {
        var bytes = value.GetAddressBytes();
        return bytes.Length == 4 ? new(SnmpType.IpAddress, 0, bytes, null) : throw new ArgumentException("SNMP IpAddress holds IPv4 only.", nameof(value));
    }

    public static SnmpValue Counter32(uint value) => new(SnmpType.Counter32, value, null, null);

    public static SnmpValue Gauge32(uint value) => new(SnmpType.Gauge32, value, null, null);

    public static SnmpValue TimeTicks(uint value) => new(SnmpType.TimeTicks, value, null, null);

    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, value, null, null);

    public static SnmpValue Opaque(ReadOnlySpan<byte> value) => new(SnmpType.Opaque, 0, value.ToArray(), null);

    /// <summary>Builds an IpAddress from its four wire bytes (the decoder checks the length).</summary>
    internal static SnmpValue IpAddressBytes(ReadOnlySpan<byte> value) => new(SnmpType.IpAddress, 0, value.ToArray(), null);

    /// <summary>INTEGER as a signed number.</summary>
    public long AsInt64() => Type == SnmpType.Integer32 ? unchecked((long)_number) : throw WrongType("a signed integer");

    /// <summary>Counter32, Gauge32, TimeTicks and Counter64 as an unsigned number; INTEGER when not negative.</summary>
    public ulong AsUInt64() => Type switch
    {
        SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64 => _number,
        SnmpType.Integer32 when (long)_number >= 0 => _number,
        _ => throw WrongType("an unsigned number"),
    };

    /// <summary>The bytes of an OCTET STRING, IpAddress or Opaque.</summary>
    public ReadOnlySpan<byte> AsBytes() => _bytes ?? throw WrongType("bytes");

    public Oid AsOid() => _oid ?? throw WrongType("an OID");

    /// <summary>An OCTET STRING as text; agents send display strings in UTF-8 or ASCII.</summary>
    public string AsText() => Type == SnmpType.OctetString ? Encoding.UTF8.GetString(_bytes!) : throw WrongType("text");

    public IPAddress AsIpAddress() => Type == SnmpType.IpAddress ? new IPAddress(_bytes!) : throw WrongType("an IP address");

    public bool Equals(SnmpValue? other) =>
        other is not null && Type == other.Type && _number == other._number && _oid == other._oid &&
        (_bytes is null ? other._bytes is null : other._bytes is not null && _bytes.AsSpan().SequenceEqual(other._bytes));

    public override bool Equals(object? obj) => obj is SnmpValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _number, _oid, _bytes?.Length);

    public override string ToString() => Type switch
    {
        SnmpType.Integer32 => $"INTEGER: {AsInt64().ToString(CultureInfo.InvariantCulture)}",
        SnmpType.OctetString or SnmpType.Opaque => $"{Type}: {Convert.ToHexString(_bytes!)}",
        SnmpType.ObjectIdentifier => $"OID: {_oid}",
        SnmpType.IpAddress => $"IpAddress: {AsIpAddress()}",
        SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64 => $"{Type}: {_number.ToString(CultureInfo.InvariantCulture)}",
        _ => Type.ToString(),
    };

    private InvalidOperationException WrongType(string wanted) => new($"A {Type} value is not {wanted}.");
}
