using System.Text;
using CsCheck;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sotp.Core.Import;

namespace Sotp.Core.Tests.Import;

public class TableReaderTests
{
    [Fact]
    public void Csv_WithQuotesNewlinesAndABom_IsReadCellByCell()
    {
        var csv = "\uFEFFname,address\n\"Bank, oddział 3\",\"ul. Długa 5\nGdańsk\"\n\n";

        var table = TableReader.ReadCsv(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(["name", "address"], table.Headers);
        Assert.Equal(["Bank, oddział 3", "ul. Długa 5\nGdańsk"], Assert.Single(table.Rows));
    }

    [Fact]
    public void Csv_SeparatedBySemicolons_AsPolishExcelWritesIt_IsRead()
    {
        var table = TableReader.ReadCsv(Encoding.UTF8.GetBytes("name;latitude\nMagazyn;54,35\n"));

        Assert.Equal(["Magazyn", "54,35"], Assert.Single(table.Rows));
    }

    [Fact]
    public void Xlsx_FirstSheet_IsReadWithSharedStringsAndGaps()
    {
        var table = TableReader.ReadXlsx(Workbook(["name", "", "latitude"], ["Łódź", "", "51.77"]));

        Assert.Equal(["name", "", "latitude"], table.Headers);
        Assert.Equal(["Łódź", "", "51.77"], Assert.Single(table.Rows));
    }

    [Fact]
    public void AnEmptyFile_SaysTheHeaderIsMissing()
    {
        var error = Assert.Throws<ImportFormatException>(() => TableReader.ReadCsv([]));

        Assert.Contains("first row must name the columns", error.Message);
    }

    [Fact]
    public void AnyBytes_ReadAsCsvOrXlsx_FailOnlyWithImportFormatException()
    {
        var zipLike = Gen.Byte.Array[0, 300].Select(bytes => (byte[])[0x50, 0x4B, 0x03, 0x04, .. bytes]);
        Gen.OneOf(Gen.Byte.Array[0, 400], zipLike).Sample(bytes =>
        {
            foreach (var xlsx in new[] { false, true })
            {
                try
                {
                    TableReader.Read(bytes, xlsx);
                }
                catch (ImportFormatException)
                {
                    // The one expected failure.
                }
            }
        }, iter: 2_000);
    }

    [Fact]
    public void ATruncatedWorkbook_FailsWithImportFormatException()
    {
        var workbook = Workbook(["name"], ["x"]);

        for (var length = 0; length < workbook.Length; length += Math.Max(1, workbook.Length / 40))
        {
            try
            {
                TableReader.ReadXlsx(workbook[..length]);
            }
            catch (ImportFormatException)
            {
                // Expected for every cut.
            }
        }
    }

    private static byte[] Workbook(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c].Length == 0)
                    {
                        continue;
                    }

                    strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(rows[r][c])));
                    var index = strings.SharedStringTable.ChildElements.Count - 1;
                    row.AppendChild(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{r + 1}",
                        DataType = CellValues.SharedString,
                        CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    });
                }

                data.AppendChild(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
        }

        return stream.ToArray();
    }
}
