using Sotp.Core.Auth;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Device groups: named sets of devices (filter devices with <c>?groupId=</c>).</summary>
public static class DeviceGroupsApi
{
    public static IEndpointRouteBuilder MapDeviceGroupsApi(this IEndpointRouteBuilder endpoints)
    {
        var groups = endpoints.MapGroup("/api/v1/device-groups").WithTags("Devices").RequirePermission(Permission.ReadInventory);
        groups.MapGet("/", async (IDeviceGroupStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("All groups with their member device ids.");
        groups.MapGet("/{id:long}", async (long id, IDeviceGroupStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.GetAsync(id, ct) ?? throw DomainException.NotFound("device group", id)))
            .WithSummary("One group.");
        groups.MapPost("/", async (DeviceGroupInput input, IDeviceGroupStore store, HttpContext context, CancellationToken ct) =>
            {
                Validate(input);
                var group = await store.CreateAsync(input.Name!.Trim(), input.Description, input.DeviceIds ?? [], HttpCaller.From(context), ct);
                return TypedResults.Created($"/api/v1/device-groups/{group.Id}", group);
            })
            .RequirePermission(Permission.WriteInventory).WithSummary("Create a group (names are unique, ignoring case).");
        groups.MapPut("/{id:long}", async (long id, DeviceGroupInput input, IDeviceGroupStore store, HttpContext context, CancellationToken ct) =>
            {
                Validate(input);
                return TypedResults.Ok(await store.UpdateAsync(id, Require.Version(input.Version ?? HttpCaller.IfMatchVersion(context)), input.Name!.Trim(),
                    input.Description, input.DeviceIds ?? [], HttpCaller.From(context), ct));
            })
            .RequirePermission(Permission.WriteInventory).WithSummary("Replace a group's name, description and members (send the version).");
        groups.MapDelete("/{id:long}", async (long id, IDeviceGroupStore store, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await store.DeleteAsync(id, Require.Version(version ?? HttpCaller.IfMatchVersion(context)), HttpCaller.From(context), ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(Permission.WriteInventory).WithSummary("Delete a group (its devices stay).");
        return endpoints;
    }

    private static void Validate(DeviceGroupInput input) => Require.Valid(input.Validate());
}
