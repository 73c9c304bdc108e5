namespace Sotp.Collectors.Satel;

/// <summary>What the decoder found in the byte stream.</summary>
public abstract record SatelDecoded
{
    private SatelDecoded()
    {
    }

    /// <summary>A complete frame whose checksum matched.</summary>
    public sealed record Frame(SatelFrame Value) : SatelDecoded;

    /// <summary>Bytes that looked like a frame but were not one (bad checksum, bad stuffing, too long, too short); dropped.</summary>
    public sealed record Corrupt(string Reason) : SatelDecoded;

    /// <summary>The module's plain-text "Busy!" line: another client holds the connection.</summary>
    public sealed record Busy : SatelDecoded;
}
