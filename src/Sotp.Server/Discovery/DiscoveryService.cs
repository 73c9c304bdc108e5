using System.Collections.Concurrent;
using System.Globalization;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Devices;
using Sotp.Core.Discovery;
using Sotp.Core.Errors;
using Sotp.Core.Secrets;
using Sotp.Core.Sites;

namespace Sotp.Server.Discovery;

/// <summary>
/// Discovery jobs: checked and started here, run in the background by <see cref="DiscoveryRunner"/>, kept in memory
/// on this node (the last <see cref="KeptJobs"/>), and turned into devices through the normal, audited device
/// creation when an operator accepts their proposals.
/// </summary>
public sealed class DiscoveryService(
    DiscoveryRunner runner,
    SiteService sites,
    ISecretStore secrets,
    IDeviceStore devices,
    DeviceService deviceService,
    IAuditLog audit,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    public const int KeptJobs = 50;

    // A sweep of a /22 with SNMP probes is thousands of packets; two at once is plenty for one node.
    public const int MaxRunningJobs = 2;

    private readonly ConcurrentDictionary<long, DiscoveryJob> _jobs = new();
    private long _lastId;

    public async Task<DiscoveryJobView> StartAsync(DiscoveryInput input, Caller caller, CancellationToken cancellationToken)
    {
        var block = input.Validate();
        var siteId = input.SiteId!.Value;
        await CheckReferencesAsync(siteId, input.Credentials!, caller, cancellationToken);
        if (_jobs.Values.Count(job => job.Running) >= MaxRunningJobs)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.DiscoveryBusy, $"{MaxRunningJobs} discoveries are running on this node; start this one when one has finished.");
        }

        var job = new DiscoveryJob(Interlocked.Increment(ref _lastId), siteId, block, input.Credentials!, caller.Name, time.GetUtcNow());
        await audit.AppendAsync(new AuditEntry(caller.Actor, AuditActions.DiscoveryStarted, "discovery", job.Id.ToString(CultureInfo.InvariantCulture),
            Detail: $"{block} for site {siteId}, {input.Credentials!.Count} SNMP credential sets", RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        _jobs[job.Id] = job;
        Forget();
        _ = Task.Run(() => runner.RunAsync(job, lifetime.ApplicationStopping), CancellationToken.None);
        return job.View();
    }

    public async Task<DiscoveryJobView> GetAsync(long id, Caller caller, CancellationToken cancellationToken) =>
        (await VisibleAsync(id, caller, cancellationToken)).View();

    public async Task<IReadOnlyList<DiscoveryJobView>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var views = new List<DiscoveryJobView>();
        foreach (var job in _jobs.Values.OrderByDescending(job => job.Id))
        {
            if (await sites.CanSeeAsync(caller, job.SiteId, cancellationToken))
            {
                views.Add(job.View());
            }
        }

        return views;
    }

    /// <summary>Creates a device for each named proposal, one by one through <see cref="DeviceService"/> (history and audit as any device).</summary>
    public async Task<IReadOnlyList<Device>> AcceptAsync(long id, DiscoveryAcceptInput input, Caller caller, CancellationToken cancellationToken)
    {
        var job = await VisibleAsync(id, caller, cancellationToken);
        if (job.Running)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.DiscoveryBusy, $"Discovery {id} is still running; accept its proposals when it is done.");
        }

        var addresses = (input.Addresses ?? []).Select(address => address?.Trim() ?? "").Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (addresses.Count == 0)
        {
            errors["addresses"] = ["name at least one proposal by its address."];
        }

        var known = await devices.AddressIndexAsync(cancellationToken);
        var proposals = new List<DiscoveryProposal>();
        for (var i = 0; i < addresses.Count; i++)
        {
            var proposal = job.Proposal(addresses[i]);
            if (proposal is null)
            {
                errors[$"addresses[{i}]"] = [$"{addresses[i]} is not a proposal of discovery {id}."];
            }
            else if (proposal.CreatedDeviceId is not null || known.ContainsKey(proposal.Address))
            {
                errors[$"addresses[{i}]"] = [$"{addresses[i]} is in the inventory already."];
            }
            else
            {
                proposals.Add(proposal);
            }
        }

        Require.Valid(errors);
        var created = new List<Device>();
        foreach (var proposal in proposals)
        {
            var device = await deviceService.CreateAsync(new DeviceInput(job.SiteId, Name(proposal), proposal.Kind.ToText(), proposal.Address, proposal.Vendor,
                Tags: ["discovered"], Credentials: proposal.CredentialIndex is { } index ? job.Credentials[index] : null), caller, cancellationToken);
            job.Created(proposal.Address, device.Id);
            created.Add(device);
        }

        return created;
    }

    private static string Name(DiscoveryProposal proposal) =>
        proposal.SysName?.Trim() is { Length: > 0 and <= 200 } name ? name : proposal.Address;

    private async Task<DiscoveryJob> VisibleAsync(long id, Caller caller, CancellationToken cancellationToken) =>
        _jobs.TryGetValue(id, out var job) && await sites.CanSeeAsync(caller, job.SiteId, cancellationToken)
            ? job
            : throw DomainException.NotFound("discovery", id);

    /// <summary>The site must be one the caller sees; each secret must exist and be the site's or global, as for a device.</summary>
    private async Task CheckReferencesAsync(long siteId, IReadOnlyList<DeviceCredentials> credentials, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await sites.ExistsForAsync(caller, siteId, cancellationToken))
        {
            errors["siteId"] = [$"There is no site {siteId}."];
        }

        for (var i = 0; i < credentials.Count; i++)
        {
            foreach (var (field, secretId) in credentials[i].SecretReferences())
            {
                if (await secrets.GetAsync(secretId, cancellationToken) is not { } secret || (secret.Info.SiteId is { } owner && owner != siteId))
                {
                    errors[$"credentials[{i}].{field}"] = [$"There is no secret {secretId} of site {siteId} (or global)."];
                }
            }
        }

        Require.Valid(errors);
    }

    private void Forget()
    {
        foreach (var old in _jobs.Values.Where(job => !job.Running).OrderByDescending(job => job.Id).Skip(KeptJobs))
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }
}
