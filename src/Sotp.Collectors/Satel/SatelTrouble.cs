namespace Sotp.Collectors.Satel;

/// <summary>One active trouble: its part (1-5, commands 0x1B-0x1F) and bit (1-based, LSB first) in Satel's table.</summary>
public readonly record struct SatelTrouble(int Part, int Bit) : IComparable<SatelTrouble>
{
    public int CompareTo(SatelTrouble other) => Part != other.Part ? Part.CompareTo(other.Part) : Bit.CompareTo(other.Bit);

    public override string ToString() => $"{Part}.{Bit}";

    public static bool operator <(SatelTrouble left, SatelTrouble right) => left.CompareTo(right) < 0;

    public static bool operator >(SatelTrouble left, SatelTrouble right) => left.CompareTo(right) > 0;

    public static bool operator <=(SatelTrouble left, SatelTrouble right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SatelTrouble left, SatelTrouble right) => left.CompareTo(right) >= 0;
}
