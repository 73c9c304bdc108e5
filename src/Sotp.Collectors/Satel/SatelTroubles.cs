namespace Sotp.Collectors.Satel;

/// <summary>
/// The five trouble parts (0x1B-0x1F) as the panel sent them. What each bit means is a long table in Satel's
/// description (AC loss per zone expander, battery, clock, …); here each active trouble is its part and bit number.
/// </summary>
public sealed record SatelTroubles(IReadOnlyList<byte[]> Parts)
{
    /// <summary>The documented sizes of parts 1-5.</summary>
    public static readonly IReadOnlyList<int> PartBytes = [47, 26, 60, 30, 31];

    /// <summary>Every set bit as (part 1-5, bit 1-based LSB first).</summary>
    public IReadOnlyList<(int Part, int Bit)> Active =>
        [.. Parts.SelectMany((part, index) => SatelEncoding.Numbers(part).Select(bit => (index + 1, bit)))];

    /// <summary>The same bits as <see cref="Active"/>, as values a caller can keep and compare.</summary>
    public IReadOnlyList<SatelTrouble> List => [.. Active.Select(t => new SatelTrouble(t.Part, t.Bit))];

    public bool Any => Parts.Any(part => part.Any(b => b != 0));
}
