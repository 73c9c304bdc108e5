using Sotp.Core.Devices;
using Sotp.Core.Sites;

namespace Sotp.Core.Import;

/// <summary>
/// Imports sites and devices from a table. A dry run reports every bad row (row number, column, reason) and
/// writes nothing; a commit writes every row in one transaction, or nothing when any row is bad.
/// </summary>
public sealed class InventoryImport(ISiteStore sites, IDeviceStore devices)
{
    public static readonly IReadOnlyList<string> SiteColumns = ["name", "address", "type", "latitude", "longitude", "status", "notes"];
    public static readonly IReadOnlyList<string> DeviceColumns = ["site", "name", "kind", "address", "vendor", "model", "tags", "parent", "enabled", "icmpIntervalSeconds", "snmpIntervalSeconds"];

    public async Task<ImportResult> ImportSitesAsync(ImportTable table, bool commit, Caller caller, CancellationToken cancellationToken)
    {
        var errors = CheckHeaders(table, SiteColumns, ["name"]);
        if (errors.Count > 0)
        {
            return new ImportResult(table.Rows.Count, errors, Committed: false);
        }

        var valid = new List<SiteData>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var problems = new List<string>();
            var input = new SiteInput(
                Cells.Text(table, row, "name"), Cells.Text(table, row, "address"), Cells.Text(table, row, "type"),
                Cells.Number(Cells.Text(table, row, "latitude"), "latitude", problems), Cells.Number(Cells.Text(table, row, "longitude"), "longitude", problems),
                Cells.Text(table, row, "status"), Cells.Text(table, row, "notes"));
            var (data, fieldErrors) = input.Validate();
            Collect(errors, i, problems, fieldErrors);
            if (data is not null && problems.Count == 0)
            {
                valid.Add(data);
            }
        }

        if (commit && errors.Count == 0)
        {
            await sites.CreateManyAsync(valid, caller, cancellationToken);
        }

        return new ImportResult(table.Rows.Count, errors, commit && errors.Count == 0);
    }

    public async Task<ImportResult> ImportDevicesAsync(ImportTable table, bool commit, Caller caller, CancellationToken cancellationToken)
    {
        var errors = CheckHeaders(table, DeviceColumns, ["site", "name", "kind", "address"]);
        if (errors.Count > 0)
        {
            return new ImportResult(table.Rows.Count, errors, Committed: false);
        }

        var siteIds = Index(await sites.NameIndexAsync(cancellationToken));
        var deviceIds = Index(await devices.NameIndexAsync(cancellationToken));
        var earlierRows = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var valid = new List<DeviceImportRow>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var problems = new List<string>();
            var siteText = Cells.Text(table, row, "site");
            if (siteText is null)
            {
                problems.Add("site: a site id or name is required.");
            }

            var siteId = Resolve(siteText, siteIds, "site", problems);
            var parentText = Cells.Text(table, row, "parent");
            int? parentRow = parentText is not null && earlierRows.TryGetValue(parentText, out var earlier) ? earlier : null;
            var parentId = parentText is null || parentRow is not null ? null : Resolve(parentText, deviceIds, "parent", problems);
            var input = new DeviceInput(
                siteId, Cells.Text(table, row, "name"), Cells.Text(table, row, "kind"), Cells.Text(table, row, "address"),
                Cells.Text(table, row, "vendor"), Cells.Text(table, row, "model"),
                Cells.Text(table, row, "tags")?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parentId, Cells.Boolean(Cells.Text(table, row, "enabled"), "enabled", problems),
                Cells.Integer(Cells.Text(table, row, "icmpIntervalSeconds"), "icmpIntervalSeconds", problems),
                Cells.Integer(Cells.Text(table, row, "snmpIntervalSeconds"), "snmpIntervalSeconds", problems));
            var (data, fieldErrors) = input.Validate();
            Collect(errors, i, problems, fieldErrors);
            if (data is not null && problems.Count == 0)
            {
                earlierRows.TryAdd(data.Name, valid.Count);
                valid.Add(new DeviceImportRow(data, parentRow));
            }
        }

        if (commit && errors.Count == 0)
        {
            await devices.CreateManyAsync(valid, caller, cancellationToken);
        }

        return new ImportResult(table.Rows.Count, errors, commit && errors.Count == 0);
    }

    private static List<ImportError> CheckHeaders(ImportTable table, IReadOnlyList<string> known, IReadOnlyList<string> required)
    {
        var errors = table.Headers
            .Where(header => !known.Any(column => ImportTable.Normalize(column) == ImportTable.Normalize(header)))
            .Select(header => new ImportError(1, header, $"Unknown column; the columns are {string.Join(", ", known)}."))
            .ToList();
        errors.AddRange(required.Where(column => table.Column(column) < 0).Select(column => new ImportError(1, column, "Required column is missing.")));
        return errors;
    }

    private static void Collect(List<ImportError> errors, int index, List<string> problems, Dictionary<string, string[]> fieldErrors)
    {
        var row = index + ImportTable.FirstDataRow;
        errors.AddRange(problems.Select(problem => new ImportError(row, problem.Split(':', 2)[0], problem.Split(':', 2)[^1].Trim())));
        // Field names become column names; the site column's own problems already cover siteId.
        errors.AddRange(fieldErrors
            .Where(field => field.Key != "siteId")
            .Select(field => (Column: field.Key == "parentId" ? "parent" : field.Key, field.Value))
            .Where(field => problems.All(p => !p.StartsWith(field.Column + ":", StringComparison.Ordinal)))
            .Select(field => new ImportError(row, field.Column, string.Join(' ', field.Value))));
    }

    /// <summary>An id, or a name that matches exactly one entry.</summary>
    private static long? Resolve(string? text, Dictionary<string, List<long>> byName, string column, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, out var id) && byName.Values.Any(ids => ids.Contains(id)))
        {
            return id;
        }

        if (byName.TryGetValue(text, out var matches) && matches.Count == 1)
        {
            return matches[0];
        }

        problems.Add(matches is { Count: > 1 }
            ? $"{column}: '{text}' names {matches.Count} entries; use the id."
            : $"{column}: there is no '{text}'.");
        return null;
    }

    private static Dictionary<string, List<long>> Index(IReadOnlyList<(long Id, string Name)> entries) =>
        entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToList(), StringComparer.OrdinalIgnoreCase);
}

/// <param name="ParentIndex">The parent given as an earlier row of the same file (index into the rows being written).</param>
public sealed record DeviceImportRow(DeviceData Data, int? ParentIndex);
