using System.Globalization;

namespace Sotp.Core.Import;

/// <summary>Reading typed values out of text cells, as spreadsheets write them (Polish decimal commas included).</summary>
internal static class Cells
{
    public static string? Text(ImportTable table, IReadOnlyList<string> row, string column)
    {
        var index = table.Column(column);
        return index < 0 || index >= row.Count || string.IsNullOrWhiteSpace(row[index]) ? null : row[index];
    }

    public static double? Number(string? text, string column, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        var normalized = text.Contains('.', StringComparison.Ordinal) ? text : text.Replace(',', '.');
        if (double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        problems.Add($"{column}: '{text}' is not a number.");
        return null;
    }

    public static int? Integer(string? text, string column, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{column}: '{text}' is not a whole number.");
        return null;
    }

    public static bool? Boolean(string? text, string column, List<string> problems) =>
        text?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "1" or "yes" or "tak" => true,
            "false" or "0" or "no" or "nie" => false,
            _ => Fail(problems, $"{column}: '{text}' is not true/false."),
        };

    private static bool? Fail(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }
}
