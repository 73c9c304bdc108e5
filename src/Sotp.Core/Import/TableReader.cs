using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Sotp.Core.Import;

/// <summary>
/// Reads an uploaded CSV (CsvHelper: quotes, embedded newlines, ',' or ';' separated) or XLSX (Open XML SDK: the
/// first worksheet) into an <see cref="ImportTable"/>. Any other input ends in <see cref="ImportFormatException"/>.
/// </summary>
public static class TableReader
{
    public const int MaxRows = 50_000;
    public const int MaxColumns = 50;
    public const int MaxCellLength = 10_000;

    public static ImportTable Read(byte[] content, bool xlsx) => xlsx ? ReadXlsx(content) : ReadCsv(content);

    public static ImportTable ReadCsv(byte[] content)
    {
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        string decoded;
        try
        {
            decoded = text.GetString(content).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ImportFormatException("The CSV file is not UTF-8 text.");
        }

        // Polish Excel writes ';' separated CSV; take whichever separator the header line uses more.
        var header = decoded.Split('\n', 2)[0];
        var delimiter = header.Count(c => c == ';') > header.Count(c => c == ',') ? ";" : ",";
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false };
        try
        {
            using var reader = new StringReader(decoded);
            using var csv = new CsvParser(reader, configuration);
            var rows = new List<IReadOnlyList<string>>();
            while (csv.Read())
            {
                Add(rows, csv.Record ?? []);
            }

            return ToTable(rows);
        }
        catch (CsvHelperException ex)
        {
            throw new ImportFormatException($"The CSV file cannot be read: {ex.Message.Split('\n')[0]}");
        }
    }

    public static ImportTable ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new ImportFormatException("The XLSX file has no workbook.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new ImportFormatException("The XLSX file has no worksheet.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(item => item.InnerText).ToList() ?? [];
            var rows = new List<IReadOnlyList<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value);
                    if (column >= MaxColumns)
                    {
                        throw new ImportFormatException($"The XLSX file has more than {MaxColumns} columns.");
                    }

                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }

                    cells.Add(CellText(cell, shared));
                }

                Add(rows, [.. cells]);
            }

            return ToTable(rows);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException or ArgumentException or System.Xml.XmlException or IOException)
        {
            throw new ImportFormatException("The file is not a readable XLSX workbook.");
        }
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        var value = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : "";
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return value == "1" ? "true" : "false";
        }

        return value;
    }

    /// <summary>"C7" → 2. Cells without a reference are placed after the previous one.</summary>
    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return 0;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > MaxColumns)
            {
                return MaxColumns;
            }
        }

        return Math.Max(0, index - 1);
    }

    private static void Add(List<IReadOnlyList<string>> rows, string[] cells)
    {
        if (rows.Count > MaxRows)
        {
            throw new ImportFormatException($"The file has more than {MaxRows} rows; split it.");
        }

        if (cells.Length > MaxColumns || cells.Any(cell => cell.Length > MaxCellLength))
        {
            throw new ImportFormatException($"Row {rows.Count + 1} has more than {MaxColumns} columns or a cell longer than {MaxCellLength} characters.");
        }

        // Blank lines (Excel leaves them at the end) are not rows.
        if (cells.Any(cell => !string.IsNullOrWhiteSpace(cell)))
        {
            rows.Add(cells.Select(cell => cell.Trim()).ToList());
        }
    }

    private static ImportTable ToTable(List<IReadOnlyList<string>> rows) =>
        rows.Count == 0
            ? throw new ImportFormatException("The file is empty; the first row must name the columns.")
            : new ImportTable(rows[0], rows.Skip(1).ToList());
}
