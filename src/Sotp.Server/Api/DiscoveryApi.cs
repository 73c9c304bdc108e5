using Sotp.Core.Auth;
using Sotp.Core.Discovery;
using Sotp.Server.Auth;
using Sotp.Server.Discovery;

namespace Sotp.Server.Api;

/// <summary>Discovery: sweep an address block, probe SNMP, propose devices, and create the accepted ones.</summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/discovery").WithTags("Discovery").RequirePermission(Permission.RunDiscovery);
        group.MapPost("/", async (DiscoveryInput input, DiscoveryService discovery, HttpContext context, CancellationToken ct) =>
            {
                var job = await discovery.StartAsync(input, HttpCaller.From(context), ct);
                return TypedResults.Accepted($"/api/v1/discovery/{job.Id}", job);
            })
            .WithSummary("Start a discovery of an IPv4 block (at most /22, else 400 cidr_too_large) for a site, with 1-5 SNMP credential sets tried in order (as a device names them: snmpVersion and secret ids of the site or global). Runs in the background: ICMP sweep, then sysDescr/sysObjectID/sysName of every host that answered.");
        group.MapGet("/", async (DiscoveryService discovery, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await discovery.ListAsync(HttpCaller.From(context), ct)))
            .WithSummary("The discoveries this node keeps (the last 50), newest first.");
        group.MapGet("/{id:long}", async (long id, DiscoveryService discovery, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await discovery.GetAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("Progress (addresses swept, answering, probed) and the proposed devices: address, sysName, vendor and kind from sysObjectID, which credential set worked, and the device that already has the address.");
        group.MapPost("/{id:long}/accept", async (long id, DiscoveryAcceptInput input, DiscoveryService discovery, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await discovery.AcceptAsync(id, input, HttpCaller.From(context), ct)))
            .WithSummary("Create devices from a finished discovery's proposals, named by address: name from sysName, vendor and kind as proposed, the credential set that worked, tag 'discovered'. Each is created as any device (history, audit).");
        return endpoints;
    }
}
