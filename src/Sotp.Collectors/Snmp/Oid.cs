using System.Globalization;
using System.Text;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// An object identifier: at least two arcs, the first 0-2 and, under 0 and 1, the second below 40, because only
/// those survive BER's packing of the first two arcs into one number. Ordered lexicographically, as agents walk.
/// </summary>
public sealed class Oid : IEquatable<Oid>, IComparable<Oid>
{
    /// <summary>RFC 2578 limits an OID to 128 sub-identifiers.</summary>
    public const int MaxArcs = 128;

    private readonly uint[] _arcs;

    public Oid(params uint[] arcs)
    {
        if (!IsValid(arcs))
        {
            throw new ArgumentException($"'{string.Join('.', arcs)}' is not a valid OID: 2-{MaxArcs} arcs, the first 0-2, the second below 40 under 0 and 1.", nameof(arcs));
        }

        _arcs = (uint[])arcs.Clone();
    }

    private Oid(uint[] arcs, bool _) => _arcs = arcs;

    public ReadOnlySpan<uint> Arcs => _arcs;

    public int Length => _arcs.Length;

    public uint this[int index] => _arcs[index];

    /// <summary>Parses dotted numbers, with or without the leading dot net-snmp prints ("1.3.6.1" or ".1.3.6.1").</summary>
    public static Oid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.StartsWith('.') ? text[1..] : text;
        var parts = trimmed.Split('.');
        var arcs = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out arcs[i]))
            {
                throw new FormatException($"'{text}' is not a dotted OID.");
            }
        }

        return new Oid(arcs);
    }

    public static bool IsValid(ReadOnlySpan<uint> arcs) =>
        arcs.Length is >= 2 and <= MaxArcs && arcs[0] <= 2 && (arcs[0] == 2 || arcs[1] < 40);

    /// <summary>Builds from arcs the decoder already checked; no copy.</summary>
    internal static Oid FromTrusted(uint[] arcs) => new(arcs, true);

    /// <summary>This OID with more arcs appended (a table column plus an index).</summary>
    public Oid Append(params uint[] more) => new([.. _arcs, .. more]);

    /// <summary>True when <paramref name="root"/> is this OID or one of its ancestors.</summary>
    public bool StartsWith(Oid root) => _arcs.AsSpan().StartsWith(root._arcs);

    public int CompareTo(Oid? other)
    {
        if (other is null)
        {
            return 1;
        }

        return _arcs.AsSpan().SequenceCompareTo(other._arcs);
    }

    public bool Equals(Oid? other) => other is not null && _arcs.AsSpan().SequenceEqual(other._arcs);

    public override bool Equals(object? obj) => obj is Oid other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in _arcs)
        {
            hash.Add(arc);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder(_arcs.Length * 4);
        foreach (var arc in _arcs)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(arc.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static bool operator ==(Oid? left, Oid? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Oid? left, Oid? right) => !(left == right);

    public static bool operator <(Oid left, Oid right) => left.CompareTo(right) < 0;

    public static bool operator >(Oid left, Oid right) => left.CompareTo(right) > 0;

    public static bool operator <=(Oid left, Oid right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Oid left, Oid right) => left.CompareTo(right) >= 0;
}
