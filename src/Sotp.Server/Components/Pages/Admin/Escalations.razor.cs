using MudBlazor;
using Sotp.Core;
using Sotp.Core.Escalation;
using Sotp.Core.Notifications;
using Sotp.Core.Sites;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>
/// Escalation policies through <see cref="EscalationPolicyService"/>: list, create or edit (a site or every site, the
/// lowest priority, ordered steps naming channels, then repeats), delete; each change checked against the version read.
/// </summary>
public sealed partial class Escalations(EscalationPolicyService policies, NotificationService notifications, SiteService siteService,
    IDialogService dialogs, ISnackbar snackbar)
{
    private readonly FormErrors _errors = new();
    private IReadOnlyList<EscalationPolicy>? _policies;
    private IReadOnlyList<NotificationChannel> _channels = [];
    private SiteNames _sites = SiteNames.None;
    private PolicyForm? _form;
    private bool _busy;

    protected override async Task OnConsoleInitializedAsync()
    {
        _channels = await notifications.ListAsync(CancellationToken.None);
        _sites = await SiteNames.LoadAsync(siteService, Caller, CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync() => _policies = await policies.ListAsync(CancellationToken.None);

    private string ChannelName(long id) => _channels.FirstOrDefault(channel => channel.Id == id)?.Name ?? $"channel #{id}";

    private void Edit(EscalationPolicy? policy)
    {
        _errors.Clear();
        _form = policy is null ? new PolicyForm() : PolicyForm.From(policy);
    }

    private async Task SaveAsync()
    {
        if (_form is not { } form)
        {
            return;
        }

        _busy = true;
        var saved = await EditSteps.SaveAsync(_errors, snackbar, T, async () => "Policy " + (form.Id is { } id
            ? await policies.UpdateAsync(id, form.ToInput(), form.Version, Caller, CancellationToken.None)
            : await policies.CreateAsync(form.ToInput(), Caller, CancellationToken.None)).Name);
        _busy = false;
        if (saved)
        {
            _form = null;
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(EscalationPolicy policy)
    {
        await EditSteps.DeleteAsync(dialogs, snackbar, T, $"Policy {policy.Name}", "Alarms following it stop escalating.",
            () => policies.DeleteAsync(policy.Id, policy.Version, Caller, CancellationToken.None));
        await LoadAsync();
    }

    private sealed class StepForm
    {
        public int? AfterMinutes { get; set; }

        public long? ChannelId { get; set; }
    }

    private sealed class PolicyForm
    {
        public long? Id { get; private init; }

        public long? Version { get; private init; }

        public string? Name { get; set; }

        /// <summary>0 for every site: a select keeps no null item.</summary>
        public long SiteId { get; set; }

        public string? MinPriority { get; set; } = "HIGH";

        public List<StepForm> Steps { get; private init; } = [new() { AfterMinutes = 5 }];

        public int? RepeatEveryMinutes { get; set; }

        public int? RepeatCount { get; set; }

        public bool Enabled { get; set; } = true;

        public static PolicyForm From(EscalationPolicy policy) => new()
        {
            Id = policy.Id,
            Version = policy.Version,
            Name = policy.Name,
            SiteId = policy.SiteId ?? 0,
            MinPriority = policy.MinPriority.ToText(),
            Steps = policy.Steps.Select(step => new StepForm { AfterMinutes = step.AfterMinutes, ChannelId = step.ChannelId }).ToList(),
            RepeatEveryMinutes = policy.RepeatEveryMinutes,
            RepeatCount = policy.RepeatCount,
            Enabled = policy.Enabled,
        };

        public EscalationPolicyInput ToInput() => new(Name, Steps.Select(step => new EscalationStepInput(step.AfterMinutes, step.ChannelId)).ToList(),
            SiteId > 0 ? SiteId : null, MinPriority, RepeatEveryMinutes, RepeatCount, Enabled, Version);
    }
}
