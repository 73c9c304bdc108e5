using System.Globalization;
using CsvHelper;

namespace Sotp.Core.Import;

/// <summary>CSV export in the import's own columns, so an exported file can be edited and imported again.</summary>
public static class TableWriter
{
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    // A cell starting with = + - @ would run as a formula when the file is opened in a spreadsheet.
                    csv.WriteField(cell is { Length: > 0 } && "=+-@".Contains(cell[0], StringComparison.Ordinal) ? "'" + cell : cell);
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }
}
