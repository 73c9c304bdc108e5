using Microsoft.AspNetCore.Components;
using Sotp.Core.Discovery;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>Shows one discovery job and keeps which of its new devices the user chose to add.</summary>
public sealed partial class DiscoveryJobResults
{
    private readonly HashSet<string> _chosen = [];
    private long _shownJobId;

    [Parameter, EditorRequired]
    public DiscoveryJobView Job { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<DiscoveredLink> Links { get; set; } = [];

    [Parameter]
    public SiteNames Sites { get; set; } = SiteNames.None;

    /// <summary>The user may create devices (the proposals get check boxes).</summary>
    [Parameter]
    public bool CanAccept { get; set; }

    /// <summary>A change is under way; the button waits.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Why the job could not be read again, while it is retried.</summary>
    [Parameter]
    public string? Failure { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyList<string>> OnAccept { get; set; }

    private bool CanChoose => CanAccept && Job.Status != DiscoveryStatus.Running;

    private bool AllChosen => Job.Proposals.Where(IsNew).All(proposal => _chosen.Contains(proposal.Address));

    protected override void OnParametersSet()
    {
        if (Job.Id != _shownJobId)
        {
            _chosen.Clear();
            _shownJobId = Job.Id;
        }

        // Devices made meanwhile (here or through the API) can no longer be chosen.
        _chosen.RemoveWhere(address => Job.Proposals.FirstOrDefault(proposal => proposal.Address == address) is not { } proposal || !IsNew(proposal));
    }

    private static bool IsNew(DiscoveryProposal proposal) => proposal.CreatedDeviceId is null && proposal.KnownDeviceId is null;

    private int SweptPercent => Job.Addresses == 0 ? 100 : Job.Swept * 100 / Job.Addresses;

    private void Choose(string address, bool chosen)
    {
        if (chosen)
        {
            _chosen.Add(address);
        }
        else
        {
            _chosen.Remove(address);
        }
    }

    private void ChooseAll(bool chosen)
    {
        _chosen.Clear();
        if (chosen)
        {
            _chosen.UnionWith(Job.Proposals.Where(IsNew).Select(proposal => proposal.Address));
        }
    }

    private async Task AcceptAsync() => await OnAccept.InvokeAsync([.. _chosen.Order(StringComparer.Ordinal)]);
}
