namespace Sotp.Core.Import;

/// <summary>A spreadsheet as text: a header row and data rows. Row numbers in errors count the header as row 1.</summary>
public sealed record ImportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public const int FirstDataRow = 2;

    /// <summary>The index of a column by header name, ignoring case and spaces; -1 when absent.</summary>
    public int Column(string name) =>
        Headers.Select((header, index) => (header, index)).FirstOrDefault(h => Normalize(h.header) == Normalize(name), (null!, -1)).index;

    public static string Normalize(string header) => header.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}

/// <param name="Row">1-based, the header being row 1.</param>
/// <param name="Column">The header of the offending column, when one is at fault.</param>
public sealed record ImportError(int Row, string? Column, string Reason);

/// <summary>The file could not be read as a table at all (not CSV, not XLSX, too large).</summary>
public sealed class ImportFormatException(string message) : Exception(message);
