using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Import;
using Sotp.Core.Sites;
using Sotp.Server.Auth;
using Sotp.Server.Errors;

namespace Sotp.Server.Api;

/// <summary>
/// Sites and devices in bulk: import from CSV or XLSX (<c>?commit=false</c> is a dry run reporting every bad row;
/// <c>?commit=true</c> writes all rows in one transaction or none) and export to CSV in the same columns.
/// </summary>
public static class ImportExportApi
{
    private const long MaxImportBytes = 20 * 1024 * 1024;
    private const int ExportPageSize = ListQuery.MaxPageSize;

    public static IEndpointRouteBuilder MapImportExportApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/sites/import", (InventoryImport import, HttpContext context, CancellationToken ct, bool commit = false) =>
                ImportAsync(context, commit, (table, caller) => import.ImportSitesAsync(table, commit, caller, ct), ct))
            .WithTags("Sites").RequirePermission(Permission.WriteInventory).WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary($"Import sites from CSV or XLSX; columns {string.Join(", ", InventoryImport.SiteColumns)}.");
        endpoints.MapPost("/api/v1/devices/import", (InventoryImport import, HttpContext context, CancellationToken ct, bool commit = false) =>
                ImportAsync(context, commit, (table, caller) => import.ImportDevicesAsync(table, commit, caller, ct), ct))
            .WithTags("Devices").RequirePermission(Permission.WriteInventory).WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary($"Import devices from CSV or XLSX; columns {string.Join(", ", InventoryImport.DeviceColumns)} (site and parent by id or name).");
        endpoints.MapGet("/api/v1/sites/export", ExportSitesAsync).WithTags("Sites").RequirePermission(Permission.ReadInventory)
            .WithSummary("All sites the caller may see, as CSV in the import columns.");
        endpoints.MapGet("/api/v1/devices/export", ExportDevicesAsync).WithTags("Devices").RequirePermission(Permission.ReadInventory)
            .WithSummary("All devices the caller may see, as CSV in the import columns.");
        return endpoints;
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        HttpContext context, bool commit, Func<ImportTable, Caller, Task<ImportResult>> run, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        ImportTable table;
        try
        {
            table = TableReader.Read(content, IsXlsx(context.Request.ContentType, content));
        }
        catch (ImportFormatException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, ErrorCodes.UnreadableFile, "Unreadable file", ex.Message);
        }

        var result = await run(table, HttpCaller.From(context));
        if (commit && result.HasErrors)
        {
            var problem = ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ImportRejected, "Import rejected",
                $"{result.Errors.Count} problems in {result.Rows} rows; nothing was written.");
            problem.ProblemDetails.Extensions["rows"] = result.Errors;
            return problem;
        }

        return TypedResults.Ok(result);
    }

    private static async Task<FileContentHttpResult> ExportSitesAsync(SiteService sites, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = HttpCaller.From(context);
        var all = await Pages.AllAsync(page => sites.ListAsync(new ListQuery(page, ExportPageSize), null, caller, cancellationToken), ExportPageSize);
        await audit.AppendAsync(new AuditEntry(caller.Actor, "site.exported", Detail: $"{all.Count} sites", RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        var rows = all.Select(s => (IReadOnlyList<string?>)[s.Name, s.Address, s.Type, Number(s.Latitude), Number(s.Longitude), s.Status.ToText(), s.Notes]);
        return TypedResults.File(TableWriter.Csv(InventoryImport.SiteColumns, rows), "text/csv; charset=utf-8", "sites.csv");
    }

    private static async Task<FileContentHttpResult> ExportDevicesAsync(DeviceService devices, SiteService sites, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = HttpCaller.From(context);
        var all = await Pages.AllAsync(page => devices.ListAsync(new ListQuery(page, ExportPageSize), null, null, null, null, caller, cancellationToken), ExportPageSize);
        var siteNames = (await Pages.AllAsync(page => sites.ListAsync(new ListQuery(page, ExportPageSize), null, caller, cancellationToken), ExportPageSize)).ToDictionary(s => s.Id, s => s.Name);
        var deviceNames = all.ToDictionary(d => d.Id, d => d.Name);
        await audit.AppendAsync(new AuditEntry(caller.Actor, "device.exported", Detail: $"{all.Count} devices", RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        var rows = all.Select(d => (IReadOnlyList<string?>)[
            siteNames.GetValueOrDefault(d.SiteId) ?? d.SiteId.ToString(CultureInfo.InvariantCulture), d.Name, d.Kind.ToText(), d.Address, d.Vendor, d.Model,
            string.Join(';', d.Tags), d.ParentId is { } parent ? deviceNames.GetValueOrDefault(parent) ?? parent.ToString(CultureInfo.InvariantCulture) : null,
            d.Enabled ? "true" : "false", d.IcmpIntervalSeconds.ToString(CultureInfo.InvariantCulture), d.SnmpIntervalSeconds.ToString(CultureInfo.InvariantCulture)]);
        return TypedResults.File(TableWriter.Csv(InventoryImport.DeviceColumns, rows), "text/csv; charset=utf-8", "devices.csv");
    }

    // XLSX is a ZIP archive: trust the bytes over a client's content type.
    private static bool IsXlsx(string? contentType, byte[] content) =>
        content is [0x50, 0x4B, 0x03, 0x04, ..] || contentType?.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase) == true;

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
