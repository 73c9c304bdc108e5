using MudBlazor;
using Sotp.Core.Auth;
using Sotp.Core.Discovery;
using Sotp.Core.Secrets;
using Sotp.Core.Sites;
using Sotp.Core.Topology;
using Sotp.Server.Components.Shared;
using Sotp.Server.Discovery;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>
/// Starts a discovery through <see cref="DiscoveryService"/> (checked and audited as POST /api/v1/discovery), follows the
/// job while it runs, shows its proposals and the LLDP links already known between its devices, and accepts proposals
/// as devices. Jobs live in the service's memory, not in the store, so the page reads them again about once a second
/// while one runs, and not at all otherwise.
/// </summary>
public sealed partial class Discovery(DiscoveryService discovery, SiteService sites, SecretVault vault, TopologyQueries topology, TimeProvider time, ISnackbar snackbar)
    : IAsyncDisposable
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _closed = new();
    private readonly FormErrors _errors = new();
    private readonly DiscoveryForm _form = new();
    private SiteNames _siteNames = SiteNames.None;
    private IReadOnlyList<SecretInfo> _allSecrets = [];
    private IReadOnlyList<SecretInfo> _secrets = [];
    private IReadOnlyList<DiscoveryJobView> _jobs = [];
    private DiscoveryJobView? _job;
    private IReadOnlyList<DiscoveredLink> _links = [];
    private ITimer? _refresh;
    private bool _refreshing;
    private bool _loading = true;
    private string? _failure;
    private string? _refreshFailure;

    protected override async Task OnConsoleInitializedAsync()
    {
        _failure = await PageLoad.RunAsync(async () =>
        {
            _siteNames = await SiteNames.LoadAsync(sites, Caller, _closed.Token);
            // Global secrets and the site's own: the ones a discovery of that site may use, as for a device.
            _allSecrets = await vault.ListAsync(null, Caller, _closed.Token);
            _jobs = await discovery.ListAsync(Caller, _closed.Token);
            SiteChanged(_siteNames.Sites.Count > 0 ? _siteNames.Sites[0].Id : null);
            if (_jobs.Count > 0)
            {
                await FollowAsync(await discovery.GetAsync(_jobs[0].Id, Caller, _closed.Token));
            }
        });
        _loading = false;
    }

    private void SiteChanged(long? siteId)
    {
        _form.SiteId = siteId;
        _secrets = [.. _allSecrets.Where(secret => secret.SiteId is null || secret.SiteId == siteId)];
        var usable = _secrets.Select(secret => secret.Id).ToHashSet();
        foreach (var row in _form.Credentials)
        {
            row.Keep(usable);
        }
    }

    private IEnumerable<SecretInfo> SecretsOf(SecretKind kind) => _secrets.Where(secret => secret.Kind == kind);

    private string SecretName(long? id) =>
        _secrets.FirstOrDefault(secret => secret.Id == id) is { } secret ? secret.SiteId is null ? T["{0} (global)", secret.Name] : secret.Name : "";

    private void AddCredentials() => _form.Credentials.Add(new());

    private void RemoveCredentials(DiscoveryForm.CredentialRow row) => _form.Credentials.Remove(row);

    private async Task StartAsync()
    {
        await _errors.RunAsync(async () =>
        {
            var job = await discovery.StartAsync(_form.ToInput(), Caller, _closed.Token);
            snackbar.Add(T["Discovery of {0} started.", job.Cidr].Value, Severity.Info);
            _jobs = await discovery.ListAsync(Caller, _closed.Token);
            await FollowAsync(job);
        });
    }

    private async Task ShowAsync(long id) =>
        _refreshFailure = await PageLoad.RunAsync(async () => await FollowAsync(await discovery.GetAsync(id, Caller, _closed.Token)));

    /// <summary>Shows the job; while it runs, reads it again every <see cref="RefreshEvery"/>, once done, its LLDP links.</summary>
    private async Task FollowAsync(DiscoveryJobView job)
    {
        _job = job;
        _links = [];
        _refreshFailure = null;
        if (job.Status == DiscoveryStatus.Running)
        {
            _refresh ??= time.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, RefreshEvery, RefreshEvery);
        }
        else
        {
            StopRefreshing();
            await LoadLinksAsync();
        }
    }

    private async Task RefreshAsync()
    {
        if (_job is not { } shown || _refreshing || _closed.IsCancellationRequested)
        {
            return;
        }

        _refreshing = true;
        try
        {
            // A failed read is tried again at the next tick; the page says meanwhile why it stands still.
            _refreshFailure = await PageLoad.RunAsync(async () =>
            {
                var job = await discovery.GetAsync(shown.Id, Caller, _closed.Token);
                if (_job?.Id != job.Id)
                {
                    return; // Another job was chosen meanwhile.
                }

                if (job.Status == DiscoveryStatus.Running)
                {
                    _job = job;
                    return;
                }

                _jobs = await discovery.ListAsync(Caller, _closed.Token);
                await FollowAsync(job);
            });
        }
        finally
        {
            _refreshing = false;
        }

        StateHasChanged();
    }

    /// <summary>LLDP links the topology knows that touch a device of the job (known before, or created from it); discovery itself reads no LLDP.</summary>
    private async Task LoadLinksAsync()
    {
        if (_job is not { } job)
        {
            return;
        }

        var ids = job.Proposals.Select(proposal => proposal.CreatedDeviceId ?? proposal.KnownDeviceId).OfType<long>().ToHashSet();
        if (ids.Count == 0)
        {
            return;
        }

        var view = await topology.GetAsync(job.SiteId, Caller, _closed.Token);
        var names = view.Nodes.ToDictionary(node => node.Id, node => node.Name);
        _links = [.. view.Links
            .Where(link => link.Kind == TopologyLinkKind.Lldp && (ids.Contains(link.FromDeviceId) || ids.Contains(link.ToDeviceId)))
            .Where(link => names.ContainsKey(link.FromDeviceId) && names.ContainsKey(link.ToDeviceId))
            .Select(link => new DiscoveredLink(link.FromDeviceId, names[link.FromDeviceId], link.FromPort, link.ToDeviceId, names[link.ToDeviceId], link.ToPort))];
    }

    private async Task AcceptAsync(IReadOnlyList<string> addresses)
    {
        if (_job is not { } job)
        {
            return;
        }

        await _errors.RunAsync(async () =>
        {
            var created = await discovery.AcceptAsync(job.Id, new DiscoveryAcceptInput(addresses), Caller, _closed.Token);
            snackbar.Add(T["Devices created: {0}.", created.Count].Value, Severity.Success);
            await FollowAsync(await discovery.GetAsync(job.Id, Caller, _closed.Token));
        });
    }

    private bool CanAccept => May(Permission.WriteInventory);

    /// <summary>The time alone for today's jobs (most are: the service keeps them in memory since the server started).</summary>
    private string Started(DiscoveryJobView job) =>
        Clock.Local(job.StartedAt).Date == Clock.Local(time.GetUtcNow()).Date ? Clock.Time(job.StartedAt) : Clock.DateTime(job.StartedAt);

    private void StopRefreshing()
    {
        _refresh?.Dispose();
        _refresh = null;
    }

    public async ValueTask DisposeAsync()
    {
        StopRefreshing();
        await _closed.CancelAsync();
        _closed.Dispose();
    }
}
