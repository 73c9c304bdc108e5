namespace Sotp.Storage;

/// <summary>
/// Case-insensitive search that works alike on SQLite and PostgreSQL: both lower-case only ASCII in SQL (SQLite
/// always, PostgreSQL under the C locale), so the text is folded in .NET when written and when searched.
/// </summary>
internal static class SearchText
{
    public static string Of(params string?[] parts) =>
        string.Join(' ', parts.Where(part => !string.IsNullOrWhiteSpace(part))).ToLowerInvariant();

    /// <summary>A LIKE pattern (with ESCAPE '\') matching the folded query anywhere; % and _ typed by a user match themselves.</summary>
    public static string Pattern(string? query) => $"%{EscapeLike((query ?? "").Trim().ToLowerInvariant())}%";

    /// <summary>Makes %, _ and \ match themselves in a LIKE with ESCAPE '\'.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
