using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core.Auth;
using Sotp.Core.Snmp;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>What SNMP polling of a device found: status of the last poll, system group, interfaces with their latest rates.</summary>
public static class SnmpApi
{
    public static IEndpointRouteBuilder MapSnmpApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/devices").WithTags("Devices").RequirePermission(Permission.ReadInventory)
            .MapGet("/{id:long}/snmp", GetAsync)
            .WithSummary("SNMP state of one device on this node, from memory: last poll status (NOT_POLLED, OK, PARTIAL, TIMEOUT, AUTH_ERROR, ERROR) with the reason (for PARTIAL: which part failed and why) and the last success, system group with the vendor from sysObjectID, interfaces with oper/admin status and latest in/out bits per second.");
        return endpoints;
    }

    private static async Task<Ok<SnmpDeviceView>> GetAsync(long id, SnmpQueries queries, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(id, HttpCaller.From(context), cancellationToken));
}
