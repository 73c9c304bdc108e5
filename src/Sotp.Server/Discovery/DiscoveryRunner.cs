using System.Net;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Core.Devices;
using Sotp.Core.Discovery;
using Sotp.Core.Monitoring;
using Sotp.Core.Snmp;
using Sotp.Server.Monitoring;
using Sotp.Server.Snmp;
using static Sotp.Collectors.Snmp.Polling.SnmpValues;

namespace Sotp.Server.Discovery;

/// <summary>
/// Runs one discovery: one ICMP echo to every host address of the block (through the ICMP engine, which paces its
/// packets), then, for each address that answered, a get of sysDescr, sysObjectID and sysName with each credential
/// set in turn until one answers. A bounded number of addresses is worked on at once. The job never throws: a
/// failure ends it as FAILED with the reason.
/// </summary>
public sealed partial class DiscoveryRunner(
    IEchoProbe echo,
    SnmpCredentialResolver resolver,
    IDeviceStore devices,
    IOptions<SnmpOptions> snmpOptions,
    IOptions<IcmpOptions> icmpOptions,
    TimeProvider time,
    ILogger<DiscoveryRunner> logger)
{
    public const int MaxAddressesInFlight = 64;

    public async Task RunAsync(DiscoveryJob job, CancellationToken cancellationToken)
    {
        try
        {
            var sets = await ResolveAsync(job, cancellationToken);
            var known = await devices.AddressIndexAsync(cancellationToken);
            using var client = new SnmpClient();
            await Parallel.ForEachAsync(job.Block.Hosts(), new ParallelOptions { MaxDegreeOfParallelism = MaxAddressesInFlight, CancellationToken = cancellationToken },
                async (address, token) =>
                {
                    var reply = await echo.ProbeAsync(new EchoRequest(address, 1, TimeSpan.Zero, TimeSpan.FromMilliseconds(icmpOptions.Value.TimeoutMilliseconds)), token);
                    job.Swept(reply.Answered);
                    if (reply.Answered)
                    {
                        job.Probed(await ProbeAsync(client, address, reply.RttAvgMs, sets, known, token));
                    }
                });
            job.Finish(time.GetUtcNow(), null);
            LogFinished(logger, job.Id, job.Block.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Finish(time.GetUtcNow(), "the server stopped before the discovery finished");
        }
        catch (Exception ex)
        {
            job.Finish(time.GetUtcNow(), $"the discovery failed: {ex.Message}");
            LogFailed(logger, ex, job.Id);
        }
    }

    private async Task<DiscoveryProposal> ProbeAsync(SnmpClient client, IPAddress address, double? rttMs, IReadOnlyList<SnmpCredentials?> sets,
        IReadOnlyDictionary<string, long> known, CancellationToken cancellationToken)
    {
        var text = address.ToString();
        var knownId = known.TryGetValue(text, out var id) ? id : (long?)null;
        var settings = snmpOptions.Value;
        for (var index = 0; index < sets.Count; index++)
        {
            if (sets[index] is not { } credentials)
            {
                continue;
            }

            var target = new SnmpTarget(new IPEndPoint(address, settings.Port), credentials)
            {
                Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds),
                Retries = settings.Retries,
            };
            try
            {
                var system = await client.GetAsync(target, [Mib.SysDescr, Mib.SysObjectId, Mib.SysName], cancellationToken);
                SnmpValue? Sys(Oid oid) => system.FirstOrDefault(bind => bind.Oid == oid)?.Value;
                var objectId = ObjectId(Sys(Mib.SysObjectId));
                var vendor = SnmpVendors.FromSysObjectId(objectId);
                return new DiscoveryProposal(text, rttMs, Text(Sys(Mib.SysName)), Text(Sys(Mib.SysDescr)), objectId, vendor?.Name,
                    vendor?.Kind ?? DeviceKind.Other, index, knownId);
            }
            catch (SnmpException)
            {
                // No agent, or not these credentials (v1/v2c agents drop a wrong community silently): try the next set.
            }
        }

        return new DiscoveryProposal(text, rttMs, null, null, null, null, DeviceKind.Other, null, knownId);
    }

    /// <summary>Each set as the engine sends it; null for a set whose secrets cannot be read now (it is skipped, the others still tried).</summary>
    private async Task<IReadOnlyList<SnmpCredentials?>> ResolveAsync(DiscoveryJob job, CancellationToken cancellationToken)
    {
        var sets = new List<SnmpCredentials?>();
        foreach (var set in job.Credentials)
        {
            try
            {
                sets.Add(await resolver.ResolveAsync(set, cancellationToken));
            }
            catch (SnmpCredentialsException ex)
            {
                LogCredentialSetUnusable(logger, job.Id, sets.Count, ex.Message);
                sets.Add(null);
            }
        }

        return sets;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery {JobId} of {Block} finished")]
    private static partial void LogFinished(ILogger logger, long jobId, string block);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discovery {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery {JobId}: credential set {Index} cannot be used and is skipped: {Problem}")]
    private static partial void LogCredentialSetUnusable(ILogger logger, long jobId, int index, string problem);
}
