using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.History;
using Sotp.Core.Monitoring;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>The device inventory: list with filters, read, create, update (optimistic concurrency), delete, change history.</summary>
public static class DevicesApi
{
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder endpoints)
    {
        var devices = endpoints.MapGroup("/api/v1/devices").WithTags("Devices").RequirePermission(Permission.ReadInventory);
        devices.MapGet("/", ListAsync)
            .WithSummary("Devices, paged. q searches name, address, vendor, model and tags; filters siteId, kind, enabled, tag, groupId; sort name, kind, address, createdAt.");
        devices.MapGet("/{id:long}", GetAsync).WithSummary("One device; the ETag header carries its version.");
        devices.MapGet("/status", StatusOverviewAsync)
            .WithSummary("Live status counts (UP, DOWN, UNKNOWN) of the enabled devices you may see, and up to limit (1..1000) device states, filtered by status.");
        devices.MapGet("/{id:long}/status", StatusAsync).WithSummary("Live status of one device: UP, DOWN or UNKNOWN since when, last probe, RTT and loss.");
        devices.MapGet("/{id:long}/history", HistoryAsync).WithSummary("Every change of the device: who, when, before and after.");
        devices.MapPost("/", CreateAsync).RequirePermission(Permission.WriteInventory)
            .WithSummary("Create a device. parentId names the device it depends on (its uplink); loops are refused.");
        devices.MapPut("/{id:long}", UpdateAsync).RequirePermission(Permission.WriteInventory)
            .WithSummary("Replace a device's fields. Send the version you read (body or If-Match); a stale one gets 409 version_conflict.");
        devices.MapDelete("/{id:long}", DeleteAsync).RequirePermission(Permission.WriteInventory)
            .WithSummary("Delete a device no other device depends on. Send the version (If-Match or ?version=).");
        return endpoints;
    }

    private static async Task<Ok<Page<Device>>> ListAsync(DeviceService service, HttpContext context, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? sort = null, string? q = null, long? siteId = null, string? kind = null, bool? enabled = null, string? tag = null, long? groupId = null) =>
        TypedResults.Ok(await service.ListAsync(new ListQuery(page, pageSize, sort, q), siteId, kind, enabled, tag, HttpCaller.From(context), cancellationToken, groupId));

    private static async Task<Ok<Device>> GetAsync(long id, DeviceService service, HttpContext context, CancellationToken cancellationToken)
    {
        var device = await service.GetAsync(id, HttpCaller.From(context), cancellationToken);
        HttpCaller.SetETag(context, device.Version);
        return TypedResults.Ok(device);
    }

    private static async Task<Ok<StatusOverview>> StatusOverviewAsync(DeviceStatusQueries queries, HttpContext context, CancellationToken cancellationToken,
        string? status = null, int limit = 100) =>
        TypedResults.Ok(await queries.OverviewAsync(status, limit, HttpCaller.From(context), cancellationToken));

    private static async Task<Ok<DeviceState>> StatusAsync(long id, DeviceStatusQueries queries, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(id, HttpCaller.From(context), cancellationToken));

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> HistoryAsync(long id, DeviceService service, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.HistoryAsync(id, HttpCaller.From(context), cancellationToken));

    private static async Task<Created<Device>> CreateAsync(DeviceInput input, DeviceService service, HttpContext context, CancellationToken cancellationToken)
    {
        var device = await service.CreateAsync(input, HttpCaller.From(context), cancellationToken);
        HttpCaller.SetETag(context, device.Version);
        return TypedResults.Created($"/api/v1/devices/{device.Id}", device);
    }

    private static async Task<Ok<Device>> UpdateAsync(long id, DeviceInput input, DeviceService service, HttpContext context, CancellationToken cancellationToken)
    {
        var device = await service.UpdateAsync(id, input, HttpCaller.IfMatchVersion(context), HttpCaller.From(context), cancellationToken);
        HttpCaller.SetETag(context, device.Version);
        return TypedResults.Ok(device);
    }

    private static async Task<NoContent> DeleteAsync(long id, DeviceService service, HttpContext context, CancellationToken cancellationToken, long? version = null)
    {
        await service.DeleteAsync(id, version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), cancellationToken);
        return TypedResults.NoContent();
    }
}
