using Sotp.Core.Auth;
using Sotp.Core.Topology;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>The network graph: devices and the links between them, declared (parent) and seen (LLDP).</summary>
public static class TopologyApi
{
    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/topology").WithTags("Devices").RequirePermission(Permission.ReadInventory)
            .MapGet("/", async (TopologyQueries topology, HttpContext context, CancellationToken ct, long? siteId = null) =>
                TypedResults.Ok(await topology.GetAsync(siteId, HttpCaller.From(context), ct)))
            .WithSummary("Nodes (devices with status and declared parent) and links: PARENT (a device to its declared parent) and LLDP (what a device's LLDP-MIB reports, with both ports, between devices of the inventory). LLDP links follow each SNMP poll; one no longer reported disappears.");
        return endpoints;
    }
}
